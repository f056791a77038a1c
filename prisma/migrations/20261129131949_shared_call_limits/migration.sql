-- CreateTable
CREATE TABLE "ModelCallSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "expiresAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "ModelPause" (
    "model" TEXT NOT NULL PRIMARY KEY,
    "untilMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "ModelCallSlot_owner_idx" ON "ModelCallSlot"("owner");
