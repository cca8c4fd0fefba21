"""coreferee model files trained by quotegraph (see MODEL_CARD.md).

Each sub-package is one coreferee config entry (``sm_3_8_0``: en_core_web_sm
3.8.x) holding ``feature_table.bin`` and ``model``, the same layout as the
official ``coreferee_model_en`` package. `quotegraph.nlp.coref` points coreferee
at them; ``scripts/train_coref.py`` reproduces them.
"""
