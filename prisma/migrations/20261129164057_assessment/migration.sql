-- CreateTable
CREATE TABLE "assessment_scheme" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assessment_scheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_scheme_version" (
    "id" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_scheme_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_run" (
    "id" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,
    "schemeVersionId" TEXT NOT NULL,
    "periodKind" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodNumber" INTEGER,
    "periodFrom" TIMESTAMP(3) NOT NULL,
    "periodTo" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "computedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_score" (
    "runId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitType" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "indicators" JSONB NOT NULL,

    CONSTRAINT "assessment_score_pkey" PRIMARY KEY ("runId","unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "assessment_scheme_version_schemeId_version_key" ON "assessment_scheme_version"("schemeId", "version");

-- CreateIndex
CREATE INDEX "assessment_run_periodFrom_periodTo_idx" ON "assessment_run"("periodFrom", "periodTo");

-- CreateIndex
CREATE INDEX "assessment_score_runId_unitType_rank_idx" ON "assessment_score"("runId", "unitType", "rank");

-- AddForeignKey
ALTER TABLE "assessment_scheme_version" ADD CONSTRAINT "assessment_scheme_version_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "assessment_scheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_run" ADD CONSTRAINT "assessment_run_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "assessment_scheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_run" ADD CONSTRAINT "assessment_run_schemeVersionId_fkey" FOREIGN KEY ("schemeVersionId") REFERENCES "assessment_scheme_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_runId_fkey" FOREIGN KEY ("runId") REFERENCES "assessment_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Scheme versions are immutable: editing a scheme adds a version, so an old run's rules stay
-- exactly as they were used.
CREATE TRIGGER assessment_scheme_version_append_only
  BEFORE UPDATE OR DELETE ON "assessment_scheme_version"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();

CREATE TRIGGER assessment_scheme_version_no_truncate
  BEFORE TRUNCATE ON "assessment_scheme_version"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();

-- A published assessment run is final: neither it nor its scores may change or go, whoever asks.
-- A draft may be recomputed (its scores replaced) or deleted, and published once.
CREATE OR REPLACE FUNCTION yixian_refuse_published_run_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'published' THEN
    RAISE EXCEPTION 'assessment run % is published: % refused', OLD."id", TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER assessment_run_published_final
  BEFORE UPDATE OR DELETE ON "assessment_run"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_published_run_change();

CREATE OR REPLACE FUNCTION yixian_refuse_published_score_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  run_id TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN run_id := NEW."runId"; ELSE run_id := OLD."runId"; END IF;
  IF EXISTS (SELECT 1 FROM "assessment_run" WHERE "id" = run_id AND "status" = 'published')
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM "assessment_run" WHERE "id" = NEW."runId" AND "status" = 'published')) THEN
    RAISE EXCEPTION 'assessment run % is published: % of its scores refused', run_id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER assessment_score_published_final
  BEFORE INSERT OR UPDATE OR DELETE ON "assessment_score"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_published_score_change();

CREATE TRIGGER assessment_run_no_truncate
  BEFORE TRUNCATE ON "assessment_run"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();

CREATE TRIGGER assessment_score_no_truncate
  BEFORE TRUNCATE ON "assessment_score"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();
