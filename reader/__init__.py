"""pravda-reader: a terminal reader for Ukrainska Pravda (www.pravda.com.ua)."""

__version__ = "0.1.0"
