package dev.ctxd.sync.client;

/**
 * Hears a session's events. Called on the thread that caused the event (the caller's, the
 * watcher's, a hashing thread, the session's worker), possibly concurrently: keep it cheap
 * and thread-safe, and never call the session's blocking methods from it (hand work to your
 * own executor, e.g. the IDE's UI thread). An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface SessionListener {
  void onEvent(SessionEvent event);
}
