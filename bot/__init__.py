"""Baton: chat-ops work management for Slack and Mattermost."""
