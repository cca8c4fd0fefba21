"""coreferee model files for config entry sm_3_8_0."""
