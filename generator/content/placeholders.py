"""Template text that `python -m generator new` writes and a trainer must replace: `check` warns
while any is left (checks.py), the scaffolds write it (scaffold.py)."""

PLACEHOLDER = "Replace with"
STORY_BODY_PLACEHOLDER = "Write the story here"
NOTES_PLACEHOLDER = "Facilitator notes go here"
