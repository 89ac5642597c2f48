import FluentKit
import Foundation
import LightboxDomain

/// One item of an indexed sequence of a study or series (``M0011_CreateArchiveSequenceItems``).
final class ArchiveSequenceItemModel: Model, @unchecked Sendable {
    static let schema = "archive_sequence_items"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "archive_study_id") var archiveStudyID: UUID
    @OptionalField(key: "archive_series_id") var archiveSeriesID: UUID?
    @Field(key: "sequence_tag") var sequenceTag: Int
    @Field(key: "item_number") var itemNumber: Int
    @OptionalField(key: "code_value") var codeValue: String?
    @OptionalField(key: "coding_scheme_designator") var codingSchemeDesignator: String?
    @OptionalField(key: "code_meaning") var codeMeaning: String?
    @OptionalField(key: "requested_procedure_id") var requestedProcedureID: String?
    @OptionalField(key: "scheduled_procedure_step_id") var scheduledProcedureStepID: String?
    @OptionalField(key: "accession_number") var accessionNumber: String?

    init() {}

    /// The column of each item attribute (``ArchiveAttributes/sequenceItems``), by tag.
    static let columns: [UInt32: String] = [
        ArchiveAttributes.codeValue: "code_value",
        ArchiveAttributes.codingSchemeDesignator: "coding_scheme_designator",
        ArchiveAttributes.codeMeaning: "code_meaning",
        ArchiveAttributes.requestedProcedureID: "requested_procedure_id",
        ArchiveAttributes.scheduledProcedureStepID: "scheduled_procedure_step_id",
        ArchiveAttributes.accessionNumber: "accession_number",
    ]

    /// A row for one item's values.
    convenience init(
        id: UUID, studyID: UUID, seriesID: UUID?, sequenceTag: UInt32, number: Int, values: [UInt32: String]
    ) {
        self.init()
        self.id = id
        archiveStudyID = studyID
        archiveSeriesID = seriesID
        self.sequenceTag = Int(sequenceTag)
        itemNumber = number
        codeValue = values[ArchiveAttributes.codeValue]
        codingSchemeDesignator = values[ArchiveAttributes.codingSchemeDesignator]
        codeMeaning = values[ArchiveAttributes.codeMeaning]
        requestedProcedureID = values[ArchiveAttributes.requestedProcedureID]
        scheduledProcedureStepID = values[ArchiveAttributes.scheduledProcedureStepID]
        accessionNumber = values[ArchiveAttributes.accessionNumber]
    }

    /// The item's values, by tag.
    var values: [UInt32: String] {
        var values: [UInt32: String] = [:]
        values[ArchiveAttributes.codeValue] = codeValue
        values[ArchiveAttributes.codingSchemeDesignator] = codingSchemeDesignator
        values[ArchiveAttributes.codeMeaning] = codeMeaning
        values[ArchiveAttributes.requestedProcedureID] = requestedProcedureID
        values[ArchiveAttributes.scheduledProcedureStepID] = scheduledProcedureStepID
        values[ArchiveAttributes.accessionNumber] = accessionNumber
        return values
    }
}
