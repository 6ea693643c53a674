/** A file the core wrote: bytes in base64 and a name to save it under. */
export interface CoreFile {
  fileName: string;
  mime: string;
  base64: string;
}

function blobUrl(file: CoreFile): string {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mime }));
}

/** Saves the file through the browser's (or Electron's) download. */
export function downloadFile(file: CoreFile): void {
  const url = blobUrl(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Opens a PDF to print in a window of its own, where Chromium's PDF viewer
 * prints the document itself (its print button or Ctrl+P), not the page
 * around it. A hidden frame would need frames allowed by the page's policy,
 * and a print started from one crashes headless Chromium.
 */
export function printPdf(file: CoreFile): void {
  const url = blobUrl(file);
  window.open(url, '_blank');
  // The viewer has read the bytes long before; the URL only keeps memory.
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
}
