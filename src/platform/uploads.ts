import { fileTypeFromBuffer, supportedExtensions } from 'file-type';

/**
 * What may be uploaded as a document, decided on the file's content (magic
 * bytes), never on its name or the browser's word: PDF, Office (old and new,
 * OpenDocument) and images. Per type found in the content: the extensions a
 * name may have for it (the first is used when the name has another) and the
 * type it is served under.
 */
const DOCUMENT_TYPES: Record<string, Record<string, string>> = {
  pdf: { pdf: 'application/pdf' },
  docx: { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  // Office 97-2003 files share one container (CFB); its bytes do not say which program wrote it, the name may choose among these three.
  cfb: { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' },
  odt: { odt: 'application/vnd.oasis.opendocument.text' },
  ods: { ods: 'application/vnd.oasis.opendocument.spreadsheet' },
  jpg: { jpg: 'image/jpeg', jpeg: 'image/jpeg' },
  png: { png: 'image/png' },
  gif: { gif: 'image/gif' },
  webp: { webp: 'image/webp' },
  heic: { heic: 'image/heic' },
};

/** Extensions that say what a file is (replaced when the content says otherwise); any other suffix ('verslag v1.2') is part of the name. */
const knownExtensions = new Set([...supportedExtensions, ...Object.values(DOCUMENT_TYPES).flatMap((t) => Object.keys(t))]);

/**
 * The type a document is stored and served under, and a name whose extension
 * matches it: a PNG named 'verslag.pdf' becomes 'verslag.png', so the
 * computer that downloads it opens it with the right program, never as
 * something its name pretends. Null when the content is not an allowed type.
 */
export async function documentType(bytes: Buffer, clientName: string): Promise<{ mimeType: string; filename: string } | null> {
  const found = await fileTypeFromBuffer(bytes);
  const types = found && DOCUMENT_TYPES[found.ext];
  if (!types) return null;
  const name = clientName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'document';
  const suffix = /\.([A-Za-z0-9]{2,5})$/.exec(name);
  const ext = suffix?.[1]!.toLowerCase();
  if (ext && types[ext]) return { mimeType: types[ext], filename: name };
  const [canonical, mimeType] = Object.entries(types)[0]!;
  const base = ext && knownExtensions.has(ext) ? name.slice(0, -suffix![0].length) : name;
  return { mimeType, filename: `${base || 'document'}.${canonical}` };
}
