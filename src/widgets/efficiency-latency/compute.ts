/**
 * The edge-versus-cloud calculator, plain numbers in and out. Every constant is the reader's input
 * (params.ts documents the defaults as assumptions, not quotes); only the device time is measured.
 *
 *   edge:  t = t_device (measured, batch 1), after a one-time download of the model (bytes / speed)
 *   cloud: t = t_round trip + t_server
 *   cost per 1,000 requests in the cloud = 1000 · (price per hour) / (3600 · requests per second)
 */
export interface EdgeCloudInputs {
  /** Measured median time of one digit on this device (ms). */
  deviceMs: number;
  /** The model's bytes (downloaded once to the edge). */
  bytes: number;
  rttMs: number;
  serverMs: number;
  /** Server price per hour (any currency) and the requests per second it serves. */
  pricePerHour: number;
  serverRps: number;
  /** Download speed in megabytes (10⁶ bytes) per second. */
  downloadMBps: number;
}

export interface EdgeCloudResult {
  edgeMs: number;
  cloudMs: number;
  /** Latency saved per request on the edge (negative: the cloud answers first). */
  savedMs: number;
  downloadMs: number;
  /** Requests after which the download has paid for itself in latency (Infinity if never). */
  breakEven: number;
  costPer1000: number;
}

export function edgeCloud(i: EdgeCloudInputs): EdgeCloudResult {
  for (const [k, v] of Object.entries(i)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${k} must be a number ≥ 0, got ${v}`);
  }
  if (i.serverRps <= 0 || i.downloadMBps <= 0)
    throw new RangeError('requests per second and download speed must be > 0');
  const cloudMs = i.rttMs + i.serverMs;
  const savedMs = cloudMs - i.deviceMs;
  const downloadMs = (1000 * i.bytes) / (i.downloadMBps * 1e6);
  return {
    edgeMs: i.deviceMs,
    cloudMs,
    savedMs,
    downloadMs,
    breakEven: savedMs > 0 ? Math.ceil(downloadMs / savedMs) : Infinity,
    costPer1000: (1000 * i.pricePerHour) / (3600 * i.serverRps),
  };
}
