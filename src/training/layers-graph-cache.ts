/**
 * tf.layers keeps the sorted graph of every model it has run in two caches of 100 entries
 * (TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES); a disposed model stays there, its layers and
 * variable objects with it, until 100 others push it out. A demo that builds its model when
 * its slide is shown (sentiment) would so keep every visit's model for the next 100 visits:
 * a walk of the deck with presenter and clone grew the page by about 0.15 MB each time.
 * One window runs one tf.layers model at a time, so a few entries keep the cache's use.
 */
export const LAYERS_GRAPH_CACHE_ENTRIES = 4;

/** Caps tf.layers' graph caches in this window or worker (the flag's setter trims them at once). */
export function limitLayersGraphCache(env: { set(name: string, value: number): void }): void {
  env.set('TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES', LAYERS_GRAPH_CACHE_ENTRIES);
}
