/** A file or paste the person imported as knowledge for their twin (a document, notes, their side of a chat). */
export interface KnowledgeDocument {
  id: string;
  twinId: string;
  /** The file's name as imported ("cv.pdf"), or a title for pasted text. */
  name: string;
  kind: "text" | "markdown" | "pdf" | "docx" | "chat";
  passageCount: number;
  /** Characters of text kept, over all passages. */
  characters: number;
  createdAt: string;
}

/** One passage of an imported document: a few sentences, the unit of retrieval. */
export interface Passage {
  id: string;
  documentId: string;
  /** The document's name, so answers and prompts can say where a passage came from. */
  documentName: string;
  /** Position in the document, from 0. */
  ordinal: number;
  text: string;
}

/** A passage found by the full-text index for a query, best first; `score` is larger for better matches. */
export interface PassageHit extends Passage {
  score: number;
}
