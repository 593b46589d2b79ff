-- CreateTable
CREATE TABLE "incident" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subtype" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ticketId" TEXT,
    "callId" TEXT,
    "reportingUnitId" TEXT,
    "address" TEXT,
    "areaId" TEXT,
    "areaPath" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "deaths" INTEGER NOT NULL DEFAULT 0,
    "injuries" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,
    "planId" TEXT,
    "planVersion" INTEGER,
    "commanderId" TEXT,
    "createdById" TEXT,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "filedAt" TIMESTAMP(3),
    "dismissedAt" TIMESTAMP(3),
    "dismissReason" TEXT,
    "respondingAt" TIMESTAMP(3),
    "handledAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "summary" TEXT,
    "nextReportKind" TEXT,
    "nextReportDueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_event" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "actorId" TEXT,
    "actorRole" TEXT,
    "unitId" TEXT,
    "reason" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_report" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "deaths" INTEGER NOT NULL DEFAULT 0,
    "injuries" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_plan" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "response_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_plan_version" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_activation" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "tier" INTEGER,
    "state" TEXT NOT NULL,
    "fieldStatus" TEXT NOT NULL DEFAULT 'dispatched',
    "dutyShiftId" TEXT,
    "target" TEXT NOT NULL DEFAULT 'on_duty',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedVia" TEXT,
    "acknowledgedById" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "incident_activation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_call" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "activationId" TEXT,
    "warningRecipientId" TEXT,
    "dutyShiftId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "outcome" TEXT NOT NULL DEFAULT 'placed',
    "detail" TEXT,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "alert_call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duty_shift" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT,
    "personName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "duty_shift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_task" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "signedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "overdueAlarmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "incident_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_attachment" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "taskId" TEXT,
    "eventId" BIGINT,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "thumbSha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_allocation" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requested" DOUBLE PRECISION NOT NULL,
    "allocated" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "requestedById" TEXT,
    "allocatedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "allocatedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "resource_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "targets" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "draftedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "sentBackReason" TEXT,
    "publishedAt" TIMESTAMP(3),
    "liftedAt" TIMESTAMP(3),
    "liftReason" TEXT,
    "incidentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "warning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning_recipient" (
    "id" TEXT NOT NULL,
    "warningId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "unitId" TEXT,
    "userId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "acknowledgedVia" TEXT,
    "remindedCount" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warning_recipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_code_key" ON "incident"("code");

-- CreateIndex
CREATE INDEX "incident_state_idx" ON "incident"("state");

-- CreateIndex
CREATE INDEX "incident_reportedAt_idx" ON "incident"("reportedAt");

-- CreateIndex
CREATE INDEX "incident_ticketId_idx" ON "incident"("ticketId");

-- CreateIndex
CREATE INDEX "incident_nextReportDueAt_idx" ON "incident"("nextReportDueAt");

-- CreateIndex
CREATE INDEX "incident_event_incidentId_id_idx" ON "incident_event"("incidentId", "id");

-- CreateIndex
CREATE INDEX "incident_event_action_at_idx" ON "incident_event"("action", "at");

-- CreateIndex
CREATE INDEX "incident_report_incidentId_at_idx" ON "incident_report"("incidentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "response_plan_version_planId_version_key" ON "response_plan_version"("planId", "version");

-- CreateIndex
CREATE INDEX "incident_activation_state_idx" ON "incident_activation"("state");

-- CreateIndex
CREATE UNIQUE INDEX "incident_activation_incidentId_unitId_key" ON "incident_activation"("incidentId", "unitId");

-- CreateIndex
CREATE INDEX "alert_call_activationId_idx" ON "alert_call"("activationId");

-- CreateIndex
CREATE INDEX "alert_call_warningRecipientId_idx" ON "alert_call"("warningRecipientId");

-- CreateIndex
CREATE INDEX "duty_shift_unitId_startsAt_idx" ON "duty_shift"("unitId", "startsAt");

-- CreateIndex
CREATE INDEX "duty_shift_startsAt_endsAt_idx" ON "duty_shift"("startsAt", "endsAt");

-- CreateIndex
CREATE INDEX "incident_task_incidentId_idx" ON "incident_task"("incidentId");

-- CreateIndex
CREATE INDEX "incident_task_unitId_state_idx" ON "incident_task"("unitId", "state");

-- CreateIndex
CREATE INDEX "incident_task_state_dueAt_idx" ON "incident_task"("state", "dueAt");

-- CreateIndex
CREATE INDEX "incident_attachment_incidentId_idx" ON "incident_attachment"("incidentId");

-- CreateIndex
CREATE INDEX "incident_attachment_taskId_idx" ON "incident_attachment"("taskId");

-- CreateIndex
CREATE INDEX "resource_unitId_idx" ON "resource"("unitId");

-- CreateIndex
CREATE INDEX "resource_allocation_incidentId_idx" ON "resource_allocation"("incidentId");

-- CreateIndex
CREATE INDEX "resource_allocation_resourceId_idx" ON "resource_allocation"("resourceId");

-- CreateIndex
CREATE INDEX "resource_allocation_allocatedAt_idx" ON "resource_allocation"("allocatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "warning_code_key" ON "warning"("code");

-- CreateIndex
CREATE INDEX "warning_state_idx" ON "warning"("state");

-- CreateIndex
CREATE INDEX "warning_publishedAt_idx" ON "warning"("publishedAt");

-- CreateIndex
CREATE INDEX "warning_recipient_unitId_acknowledgedAt_idx" ON "warning_recipient"("unitId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "warning_recipient_userId_acknowledgedAt_idx" ON "warning_recipient"("userId", "acknowledgedAt");

-- CreateIndex
CREATE UNIQUE INDEX "warning_recipient_warningId_revision_recipientKey_key" ON "warning_recipient"("warningId", "revision", "recipientKey");

-- AddForeignKey
ALTER TABLE "incident_event" ADD CONSTRAINT "incident_event_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_report" ADD CONSTRAINT "incident_report_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_plan_version" ADD CONSTRAINT "response_plan_version_planId_fkey" FOREIGN KEY ("planId") REFERENCES "response_plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_activation" ADD CONSTRAINT "incident_activation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_call" ADD CONSTRAINT "alert_call_activationId_fkey" FOREIGN KEY ("activationId") REFERENCES "incident_activation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_task" ADD CONSTRAINT "incident_task_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_attachment" ADD CONSTRAINT "incident_attachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_allocation" ADD CONSTRAINT "resource_allocation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_allocation" ADD CONSTRAINT "resource_allocation_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warning_recipient" ADD CONSTRAINT "warning_recipient_warningId_fkey" FOREIGN KEY ("warningId") REFERENCES "warning"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The incident trail and the plan versions are append-only, as the ticket trail and the
-- assessment scheme versions are (yixian_refuse_change from 20261129160800_append_only_guards).
CREATE TRIGGER incident_event_append_only
  BEFORE UPDATE OR DELETE ON "incident_event"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();
CREATE TRIGGER incident_event_no_truncate
  BEFORE TRUNCATE ON "incident_event"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();
CREATE TRIGGER response_plan_version_append_only
  BEFORE UPDATE OR DELETE ON "response_plan_version"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();
