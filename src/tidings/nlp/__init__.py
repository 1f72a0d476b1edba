"""NLP: loading the spaCy model and choosing which sentences need a full parse."""
