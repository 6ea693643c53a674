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
 * Opens a PDF for the system's print dialog: loaded into a hidden frame and
 * printed from there (Chromium's PDF viewer prints the document itself, not
 * the page around it). If the frame cannot print, the PDF opens in a window
 * of its own, with the viewer's print button.
 */
export function printPdf(file: CoreFile): void {
  const url = blobUrl(file);
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.right = '0';
  frame.style.bottom = '0';
  frame.style.width = '1px';
  frame.style.height = '1px';
  frame.style.border = '0';
  frame.setAttribute('aria-hidden', 'true');
  frame.src = url;
  frame.onload = () => {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch {
      window.open(url, '_blank');
    }
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  };
  document.body.appendChild(frame);
}
