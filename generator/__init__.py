"""Service Stories: customer-service stories in, a training site, guides and handouts out."""

import os

# pydantic looks for plugins by scanning the entry points of every installed package when the
# first model is made (a tenth of a second or more at each start); the schema uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
