"""Seeing the debate: its model (:mod:`~icpa.debate.model`), discourse networks
(:mod:`~icpa.debate.networks`), argument maps (:mod:`~icpa.debate.maps`) and the argument
formats other tools read (:mod:`~icpa.debate.aif`, :mod:`~icpa.debate.argdown`)."""
