"""Embed: sentence vectors (multilingual) and language identification, loaded lazily."""

from variorum.embed.encoder import Encoder, encoder
from variorum.embed.language import language

__all__ = ["Encoder", "encoder", "language"]
