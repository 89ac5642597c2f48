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
            M0020_AddExamStudyAndStepColumns(),
            M0060_CreateThresholdChanges(),
            M0070_CreateDoseRegister(),
        ]
    }
}
