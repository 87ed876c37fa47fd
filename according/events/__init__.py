"""Events: trigger lexicon, classifier, PLOVER/ACLED mapping, arguments, status."""
