import FluentKit

/// Every migration, in order. Append-only: a released migration is never edited or removed; a change to the schema
/// is a new, higher-numbered migration. Each runs on SQLite and PostgreSQL (the store's tests run both).
enum LightboxMigrations {
    static var all: [any Migration] {
        [
            M0001_CreateReferenceData(),
            M0002_CreateExams(),
            M0003_CreateAccounts(),
            M0004_CreateAuditLog(),
            M0005_CreateInterfaceTables(),
            M0006_CreateOutbox(),
            M0010_CreateArchiveIndex(),
            M0011_CreateArchiveSequenceItems(),
            M0012_CreateHeldModalitySteps(),
            M0020_AddExamStudyAndStepColumns(),
            M0041_AddExamOpenAlertColumn(),
            M0060_CreateThresholdChanges(),
            M0070_CreateDoseRegister(),
            M0076_AddDoseStatisticsColumns(),
            M0077_AddDoseRecordOperator(),
            M0080_CreateSAUECases(),
            M0081_CreateStaffDosimetry(),
            M0090_CreateJobRuns(),
            M0091_CreateEquipmentQAFaults(),
            M0092_CreateCleaningLog(),
            M0100_CreateStaffRecords(),
            M0101_CreateStockRecords(),
            M0110_AddExamStatisticsColumns(),
            M0111_CreateIncidents(),
            M0112_CreateRota(),
            M0120_CreateSupportTasks(),
        ]
    }
}
