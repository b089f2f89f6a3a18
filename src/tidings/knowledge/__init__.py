"""The knowledge layer: the data files of this folder (knowledge base, gazetteer, time words, lexicon,
models) and the loaders that read them once. Every stage may import it; it imports only `records`-level
modules (see docs/architecture.md)."""
