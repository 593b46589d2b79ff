-- CreateTable
CREATE TABLE "ticket_attachment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "act" TEXT NOT NULL,
    "eventId" BIGINT,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "thumbSha256" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ticket_attachment_ticketId_eventId_idx" ON "ticket_attachment"("ticketId", "eventId");

-- CreateIndex
CREATE INDEX "ticket_attachment_eventId_idx" ON "ticket_attachment"("eventId");

-- CreateIndex
CREATE INDEX "ticket_attachment_sha256_idx" ON "ticket_attachment"("sha256");

-- CreateIndex
CREATE INDEX "ticket_attachment_thumbSha256_idx" ON "ticket_attachment"("thumbSha256");

-- AddForeignKey
ALTER TABLE "ticket_attachment" ADD CONSTRAINT "ticket_attachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_attachment" ADD CONSTRAINT "ticket_attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ticket_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;
