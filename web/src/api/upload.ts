// PUT of a file to a presigned URL with upload progress (fetch cannot report it; XMLHttpRequest can).
import { ApiError } from './api-error.ts';

export type PresignedUpload = { url: string; headers?: Readonly<Record<string, string>>; method?: string };

/** Reads `{ upload: { url, headers } }` (or `uploadUrl`) from an API answer. */
export const parseUpload = (body: unknown): PresignedUpload => {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const upload = (typeof value.upload === 'object' && value.upload !== null ? value.upload : {}) as Record<
    string,
    unknown
  >;
  const url = String(upload.url ?? value.uploadUrl ?? '');
  const headers = (upload.headers ?? value.uploadHeaders ?? {}) as Record<string, string>;
  return { url, headers, ...(typeof upload.method === 'string' ? { method: upload.method } : {}) };
};

export type UploadHandle = { promise: Promise<void>; abort: () => void };

export const putFile = (
  target: PresignedUpload,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle => {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<void>((resolve, reject) => {
    xhr.open(target.method ?? 'PUT', target.url);
    for (const [name, value] of Object.entries(target.headers ?? {})) {
      // The browser sets these itself and refuses to be told.
      if (!['host', 'content-length'].includes(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else {
        reject(new ApiError({ status: xhr.status, code: 'UploadFailed', message: `HTTP ${xhr.status}` }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NetworkError', message: 'upload failed' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, code: 'Aborted', message: 'upload cancelled' }));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
};
