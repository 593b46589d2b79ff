/**
 * The GPS position a camera wrote into a photo's EXIF (GPSInfo: degrees, minutes, seconds and
 * N/S, E/W), as decimal degrees; null when there is none or it is out of range. Only a report
 * uses it (the worker's phone knows where the photo was taken); the stored image never keeps it.
 */
import exifReader from 'exif-reader';

export interface Position {
  lat: number;
  lng: number;
}

function toDegrees(parts: unknown, ref: unknown, negative: string): number | null {
  if (!Array.isArray(parts) || parts.length === 0 || !parts.every((part) => typeof part === 'number' && Number.isFinite(part))) return null;
  const [degrees = 0, minutes = 0, seconds = 0] = parts as number[];
  const value = degrees + minutes / 60 + seconds / 3600;
  return ref === negative ? -value : value;
}

/** Reads the position from sharp's `metadata().exif` buffer; never throws on a broken block. */
export function readPhotoPosition(exif: Buffer | undefined): Position | null {
  if (!exif || exif.length === 0) return null;
  let gps: Record<string, unknown> | undefined;
  try {
    gps = exifReader(exif).GPSInfo as Record<string, unknown> | undefined;
  } catch {
    return null;
  }
  if (!gps) return null;
  const lat = toDegrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S');
  const lng = toDegrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W');
  if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat: Math.round(lat * 1e7) / 1e7, lng: Math.round(lng * 1e7) / 1e7 };
}
