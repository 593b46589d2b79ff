/**
 * Decides what an uploaded file is from its bytes (`file-type`), never from its name or the
 * client's content type, and turns it into what is stored: an image is decoded and re-encoded in
 * its own format by sharp (turned upright by its EXIF orientation; EXIF, XMP, ICC and other
 * metadata dropped, the GPS position included) with a JPEG thumbnail; a PDF is kept as sent.
 * Every refusal is a 400 naming the file (`files.<n>`) and what is wrong; nothing is written here.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../lib/app-error.js';
import { ACCEPTED_IN_WORDS, ACCEPTED_TYPES, IMAGE_TYPES, THUMBNAIL_SIZE, type AcceptedType } from './attachment-enums.js';
import { readPhotoPosition, type Position } from './read-photo-position.js';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface PreparedFile {
  fileName: string;
  contentType: AcceptedType;
  /** What is stored: the re-encoded image, or the PDF as sent. */
  bytes: Buffer;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  /** The photo's EXIF position, read only when asked for. */
  position: Position | null;
}

const isAccepted = (mime: string): mime is AcceptedType => (ACCEPTED_TYPES as readonly string[]).includes(mime);
const isImage = (mime: AcceptedType) => (IMAGE_TYPES as readonly string[]).includes(mime);

function refuse(field: string, message: string, details: Record<string, unknown> = {}): never {
  throw new AppError('validation_failed', message, { field, details });
}

function encode(image: Sharp, type: AcceptedType): Sharp {
  if (type === 'image/png') return image.png({ compressionLevel: 9 });
  if (type === 'image/webp') return image.webp({ quality: 85 });
  return image.jpeg({ quality: 85 });
}

async function prepareImage(file: UploadedFile, type: AcceptedType, field: string, keepPosition: boolean): Promise<PreparedFile> {
  const notReadable = () => refuse(field, `${file.fileName} looks like ${type} by its first bytes but is not a readable image`, { detected: type });
  let exif: Buffer | undefined;
  try {
    exif = (await sharp(file.bytes).metadata()).exif;
  } catch {
    return notReadable();
  }
  try {
    // sharp writes no metadata unless told to (keepExif / withMetadata), so the output carries none.
    const { data, info } = await encode(sharp(file.bytes, { failOn: 'error' }).rotate(), type).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
    return {
      fileName: file.fileName, contentType: type, bytes: data, width: info.width, height: info.height, thumbnail,
      position: keepPosition ? readPhotoPosition(exif) : null,
    };
  } catch {
    return notReadable();
  }
}

/** Checks and converts one file; `index` names it in a refusal. */
export async function prepareFile(file: UploadedFile, index: number, options: { maxBytes: number; keepPosition: boolean }): Promise<PreparedFile> {
  const field = `files.${index}`;
  if (file.bytes.length === 0) refuse(field, `${file.fileName} is empty`);
  if (file.bytes.length > options.maxBytes) {
    refuse(field, `${file.fileName} is larger than ${formatBytes(options.maxBytes)}`, { sizeBytes: file.bytes.length, maxBytes: options.maxBytes });
  }
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!detected) refuse(field, `${file.fileName} is not a ${ACCEPTED_IN_WORDS} file (its content is of no known type)`, { detected: null });
  if (/^image\/(heic|heif)/.test(detected.mime)) {
    refuse(field, `${file.fileName} is a HEIC photo, which this server cannot read; send it as JPEG (the camera's "most compatible" setting)`, { detected: detected.mime });
  }
  if (!isAccepted(detected.mime)) refuse(field, `${file.fileName} is ${detected.mime}; only ${ACCEPTED_IN_WORDS} files are accepted`, { detected: detected.mime });
  if (!isImage(detected.mime)) {
    return { fileName: file.fileName, contentType: detected.mime, bytes: file.bytes, width: null, height: null, thumbnail: null, position: null };
  }
  return prepareImage(file, detected.mime, field, options.keepPosition);
}

/** 10485760 → "10 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
