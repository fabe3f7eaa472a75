"""playbook: validate a community-management playbook kept as YAML, lint draft posts, publish it."""

__version__ = "0.1.0"
