"""Namespaces of the project's ontology and the vocabularies it reuses.

(Bootstrap version; ``scripts/gen_vocab.py`` regenerates the PG constants from ontology/.)
"""

from rdflib import Namespace

PG = Namespace("https://w3id.org/pressgraph/ontology#")
GAAP = Namespace("http://fasb.org/us-gaap/2024#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")
TIME = Namespace("http://www.w3.org/2006/time#")
