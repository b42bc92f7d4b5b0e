"""Networks: reports joined by the entities they share (``engine``, pure: igraph and
leidenalg), built from stored mentions (``service``) and drawn on the network pages (``web``)."""
