"""The core: plain Python, no Tk. Loading text, NLP, who is who, glossary, anchoring."""
