/**
 * Worker side: the digit zoo's files, fetched once per worker and checked before use.
 *
 *   const assets = new ZooAssets(ctx.baseUrl);
 *   const test = await assets.split('test');            // decoded, size and SHA-256 checked
 *   const { model, entry } = await assets.loadModel('cnn');   // weights' SHA-256 checked; caller disposes
 *
 * - manifests (public/weights/zoo/manifest.json, public/data/zoo/manifest.json): fetched once;
 * - splits: fetched WITHOUT a byte/hash expectation (a host may decompress the .gz on the way,
 *   docs/stack-notes.md 29), then gunzipped if needed and checked against the manifest's decompressed
 *   size and SHA-256 (src/math/digit-split.ts decodeSplitFile); kept for the worker's life (test split
 *   1.6 MB decoded, training split 5.5 MB);
 * - weights: src/lib/weights.ts loadWeightsFile (byte count and SHA-256 of the manifest entry), kept as
 *   plain arrays (≤ 424 kB each), so building a model again costs no download;
 * - models: `loadModel` builds a fresh ZooModel the caller owns; `model` lends one the assets own and
 *   dispose() frees (one per name, built on first use).
 *
 * Every download is shared by concurrent callers. A caller's AbortSignal stops its wait (the promise
 * rejects with an AbortError), not a download another caller may still need; a failed download is
 * forgotten, so the next call tries again. No DOM: the same class runs in vitest with a file-system fetch.
 */
import { sha256Hex } from '../../lib/sha256';
import { fetchBytes, loadWeightsFile } from '../../lib/weights';
import {
  decodeSplitFile,
  ZOO_DATA_DIR,
  ZOO_DATA_MANIFEST,
  splitFileName,
  type DigitSplit,
  type DigitSplitManifest,
  type SplitName,
} from '../../math/digit-split';
import {
  ZOO_WEIGHTS_DIR,
  ZOO_WEIGHTS_MANIFEST,
  zooWeightsFile,
  type ZooManifest,
  type ZooModelEntry,
  type ZooModelName,
} from '../../math/zoo';
import { zooModelFromWeights, type ZooModel } from '../../ml/zoo/models';

/** Bytes of a download so far, for a progress line ("weights 120 of 424 kB"). */
export interface DownloadProgress {
  /** What is downloading, e.g. "test.u8.gz" or "cnn.bin". */
  file: string;
  loaded: number;
  /** From the manifest (the stored size), or null where unknown. */
  total: number | null;
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}

export interface ZooAssetsOptions {
  /** Injectable for tests (a file-system fetch). */
  fetch?: typeof fetch;
}

/** Rejects as soon as `signal` aborts; otherwise settles with `promise`. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function abortError(): Error {
  const err = new Error('The request was cancelled.');
  err.name = 'AbortError';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

export class ZooAssets {
  readonly baseUrl: string;
  private readonly fetcher: typeof fetch;
  private manifestPromise: Promise<ZooManifest> | null = null;
  private dataManifestPromise: Promise<DigitSplitManifest> | null = null;
  private readonly splits = new Map<SplitName, Promise<DigitSplit>>();
  private readonly weightsByName = new Map<ZooModelName, Promise<Float32Array[]>>();
  private readonly lent = new Map<ZooModelName, Promise<ZooModel>>();
  /** Progress listeners of the downloads in flight, by file. */
  private readonly listeners = new Map<string, Set<(p: DownloadProgress) => void>>();
  private disposed = false;

  /** `baseUrl` is the site's base (the worker context's baseUrl). */
  constructor(baseUrl: string, options: ZooAssetsOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/?$/, '/');
    this.fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  }

  /** The zoo's weights manifest: every model's architecture, file, scores and training. */
  manifest(signal?: AbortSignal): Promise<ZooManifest> {
    this.manifestPromise ??= this.json<ZooManifest>(`${ZOO_WEIGHTS_DIR}/${ZOO_WEIGHTS_MANIFEST}`).catch((e) => {
      this.manifestPromise = null;
      throw e;
    });
    return abortable(this.manifestPromise, signal);
  }

  /** The data split's manifest: counts per class, seed, source, file sizes and hashes. */
  dataManifest(signal?: AbortSignal): Promise<DigitSplitManifest> {
    this.dataManifestPromise ??= this.json<DigitSplitManifest>(`${ZOO_DATA_DIR}/${ZOO_DATA_MANIFEST}`).catch((e) => {
      this.dataManifestPromise = null;
      throw e;
    });
    return abortable(this.dataManifestPromise, signal);
  }

  /** A model's manifest entry. */
  async entry(name: ZooModelName, signal?: AbortSignal): Promise<ZooModelEntry> {
    const found = (await this.manifest(signal)).models.find((m) => m.name === name);
    if (!found) throw new Error(`the zoo has no model called "${name}"`);
    return found;
  }

  /** A split, decoded and checked (see the top of this file). Kept for the worker's life. */
  split(name: SplitName, options: LoadOptions = {}): Promise<DigitSplit> {
    let pending = this.splits.get(name);
    if (!pending) {
      pending = (async () => {
        const info = (await this.dataManifest()).splits[name];
        if (!info) throw new Error(`the zoo's data has no split called "${name}"`);
        const bytes = await fetchBytes(`${this.baseUrl}${ZOO_DATA_DIR}/${info.file}`, {
          fetch: this.fetcher,
          onProgress: (loaded) => this.progress(info.file, loaded, info.bytes),
        });
        return decodeSplitFile(bytes, info, sha256Hex);
      })();
      this.track(this.splits, name, pending);
    }
    return this.withProgress(splitFileName(name), pending, options);
  }

  /** A model's weights, checked against its manifest entry (byte count, SHA-256). Kept. */
  weights(name: ZooModelName, options: LoadOptions = {}): Promise<Float32Array[]> {
    let pending = this.weightsByName.get(name);
    if (!pending) {
      pending = (async () => {
        const entry = await this.entry(name);
        return loadWeightsFile(`${this.baseUrl}${ZOO_WEIGHTS_DIR}`, entry, {
          fetch: this.fetcher,
          onProgress: (loaded) => this.progress(entry.file, loaded, entry.bytes),
        });
      })();
      this.track(this.weightsByName, name, pending);
    }
    return this.withProgress(zooWeightsFile(name), pending, options);
  }

  /** A new model holding the shipped weights, and its manifest entry. The caller owns (disposes) the model. */
  async loadModel(name: ZooModelName, options: LoadOptions = {}): Promise<{ model: ZooModel; entry: ZooModelEntry }> {
    const [entry, weights] = await Promise.all([this.entry(name, options.signal), this.weights(name, options)]);
    this.assertAlive();
    return { model: zooModelFromWeights(entry, weights), entry };
  }

  /**
   * The shipped model of that name, owned by these assets (do not dispose it; dispose() frees it).
   * One instance per name, so evaluating and classifying with it again costs nothing to build.
   */
  model(name: ZooModelName, options: LoadOptions = {}): Promise<ZooModel> {
    let pending = this.lent.get(name);
    if (!pending) {
      pending = this.loadModel(name).then(({ model }) => {
        if (this.disposed) {
          model.dispose();
          throw new Error('the zoo assets were disposed while the model loaded');
        }
        return model;
      });
      this.track(this.lent, name, pending);
    }
    return this.withProgress(zooWeightsFile(name), pending, options);
  }

  /** Frees the lent models. Downloads in flight finish and are dropped. */
  dispose(): void {
    this.disposed = true;
    for (const pending of this.lent.values()) pending.then((m) => m.dispose()).catch(() => {});
    this.lent.clear();
  }

  private async json<T>(path: string): Promise<T> {
    const bytes = await fetchBytes(`${this.baseUrl}${path}`, { fetch: this.fetcher });
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as T;
    } catch {
      throw new Error(`${path.split('/').pop()} is not valid JSON`);
    }
  }

  /** Keeps a pending load in `map`; forgets it if it fails, so the next call tries again. */
  private track<K, V>(map: Map<K, Promise<V>>, key: K, pending: Promise<V>): void {
    map.set(key, pending);
    pending.catch(() => {
      if (map.get(key) === pending) map.delete(key);
    });
  }

  private withProgress<T>(file: string, pending: Promise<T>, { signal, onProgress }: LoadOptions): Promise<T> {
    if (onProgress) {
      let set = this.listeners.get(file);
      if (!set) this.listeners.set(file, (set = new Set()));
      set.add(onProgress);
      const remove = () => set.delete(onProgress);
      pending.then(remove, remove);
      signal?.addEventListener('abort', remove, { once: true });
    }
    return abortable(pending, signal);
  }

  private progress(file: string, loaded: number, total: number | null): void {
    for (const listener of this.listeners.get(file) ?? []) listener({ file, loaded, total });
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('the zoo assets were disposed');
  }
}
