-- AlterTable
ALTER TABLE "Run" ADD COLUMN "cancelRequest" TEXT;
ALTER TABLE "Run" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Run" ADD COLUMN "leaseUntil" BIGINT;

-- CreateTable
CREATE TABLE "Executor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" BIGINT NOT NULL,
    "activeRuns" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "Executor_heartbeatAt_idx" ON "Executor"("heartbeatAt");
