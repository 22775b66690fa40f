/** A multipart/form-data body as a browser sends it (fields first, then the file), built with the platform's FormData. */
export async function multipart(fields: Record<string, string>, file?: { field?: string; filename: string; type: string; content: Buffer }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append(file.field ?? 'file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.filename);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

/** The smallest file that is a PDF by its content. */
export const tinyPdf = () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
