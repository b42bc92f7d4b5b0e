"""Person resolution: the Fellegi–Sunter model, blocking and clustering (``engine``, pure),
the stored index and incremental runs (``service``, ``index``, ``profiles``, ``neighbourhood``),
analysts' judgements (``review``) and merges (``entities``)."""
