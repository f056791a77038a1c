-- AlterTable: how ingestion read the document (encoding, hidden passages, …), as JSON.
ALTER TABLE "Document" ADD COLUMN "metadataJson" TEXT NOT NULL DEFAULT '{}';
