"""The check stage: claims of the text that the knowledge base contradicts ("former President X" while X
holds office), flagged on the events after linking."""
