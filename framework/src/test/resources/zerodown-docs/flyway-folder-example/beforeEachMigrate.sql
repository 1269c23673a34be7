-- every migration waits at most 2s for its locks
set lock_timeout = '2s';
