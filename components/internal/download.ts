/**
 * Saves an API file (an XLSX export, fetched through the client by `exportDashboard` or `exportPublicDashboard`, so the
 * bearer token travels in a header instead of a URL that would end up in logs and browser history).
 */
export async function downloadFile(fetching: Response | Promise<Response>, fallbackName: string): Promise<void> {
  const response = await fetching;
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function fileSafe(title: string): string {
  return (
    title
      .replace(/[^\p{L}\p{N}\- ]+/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'dashboard'
  );
}
