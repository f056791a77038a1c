-- CreateTable
CREATE TABLE "ModelCallSlot" (
    "id" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "expiresAt" BIGINT NOT NULL,

    CONSTRAINT "ModelCallSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelPause" (
    "model" TEXT NOT NULL,
    "untilMs" BIGINT NOT NULL,

    CONSTRAINT "ModelPause_pkey" PRIMARY KEY ("model")
);

-- CreateIndex
CREATE INDEX "ModelCallSlot_owner_idx" ON "ModelCallSlot"("owner");
