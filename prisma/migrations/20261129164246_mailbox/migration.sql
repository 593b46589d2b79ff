-- CreateTable
CREATE TABLE "mailbox_letter" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mailbox_attachment" (
    "id" TEXT NOT NULL,
    "letterId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_letter_ticketId_key" ON "mailbox_letter"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_letter_codeHash_key" ON "mailbox_letter"("codeHash");

-- CreateIndex
CREATE INDEX "mailbox_letter_mailbox_createdAt_idx" ON "mailbox_letter"("mailbox", "createdAt");

-- CreateIndex
CREATE INDEX "mailbox_attachment_letterId_idx" ON "mailbox_attachment"("letterId");

-- AddForeignKey
ALTER TABLE "mailbox_attachment" ADD CONSTRAINT "mailbox_attachment_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "mailbox_letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
