alter table measurements detach partition measurements_2023 concurrently;
