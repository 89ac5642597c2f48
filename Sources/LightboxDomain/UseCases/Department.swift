import Foundation

/// Every use case of the department, built from one environment, for adapters (JSON API, HL7,
/// DICOM, command line) to call: `try await department.bookExam(command, by: actor)`.
public struct Department: Sendable {
    public let environment: DepartmentEnvironment

    // The exam journey
    public let createRequest: CreateRequest
    public let resubmitRequest: ResubmitRequest
    public let justifyRequest: JustifyRequest
    public let bookExam: BookExam
    public let rebookExam: RebookExam
    public let recordArrival: RecordArrival
    public let recordPauseAndCheck: RecordPauseAndCheck
    public let startExam: StartExam
    public let completeExam: CompleteExam
    public let checkImages: CheckImages
    public let dischargePatient: DischargePatient
    public let cancelExam: CancelExam
    public let cancelOrder: CancelOrder
    public let recordDidNotAttend: RecordDidNotAttend
    public let recordContrastReaction: RecordContrastReaction
    public let recordReport: RecordReport
    public let verifyReport: VerifyReport
    public let discontinueExam: DiscontinueExam
    public let resolveOutsidePathway: ResolveOutsidePathway
    public let viewWorklist: ViewWorklist
    public let listExamsToRebook: ListExamsToRebook
    public let setRoomAETitle: SetRoomAETitle
    public let recordModalityStepProgress: RecordModalityStepProgress

    // Patients and audited reads
    public let registerPatient: RegisterPatient
    public let updatePatient: UpdatePatient
    public let receivePatientDemographics: ReceivePatientDemographics
    public let mergePatients: MergePatients
    public let changePatientIdentifier: ChangePatientIdentifier
    public let viewPatientRecord: ViewPatientRecord
    public let searchPatients: SearchPatients
    public let viewExam: ViewExam
    public let listExams: ListExams

    // Reference data
    public let addReferrer: AddReferrer
    public let updateReferrer: UpdateReferrer
    public let addStaffMember: AddStaffMember
    public let updateStaffMember: UpdateStaffMember
    public let grantEntitlement: GrantEntitlement
    public let revokeEntitlement: RevokeEntitlement
    public let addRoom: AddRoom
    public let setRoomStatus: SetRoomStatus
    public let upsertCatalogueEntries: UpsertCatalogueEntries
    public let browse: BrowseReferenceData
    public let viewAuditLog: ViewAuditLog
    public let viewOutbox: ViewOutbox

    // Clinical safety (issue 15)
    public let recordVitalSigns: RecordVitalSigns
    public let acknowledgeVitalSignsAlert: AcknowledgeVitalSignsAlert
    public let listOpenAlerts: ListOpenAlerts
    public let flagFinding: FlagFinding
    public let acknowledgeReportAlert: AcknowledgeReportAlert
    public let escalateOverdueAlerts: EscalateOverdueAlerts
    public let viewExposureRecord: ViewExposureRecord
    public let setThreshold: SetThreshold
    public let viewThresholds: ViewThresholds

    // Significant accidental and unintended exposures (issue 16)
    public let reportSAUE: ReportSAUE
    public let reviewSAUE: ReviewSAUE
    public let listSAUECases: ListSAUECases
    public let exportSAUENotification: ExportSAUENotification

    // Staff dosimetry (issue 16)
    public let recordDosemeterReading: RecordDosemeterReading
    public let closeStaffDoseInvestigation: CloseStaffDoseInvestigation
    public let classifyWorker: ClassifyWorker
    public let viewStaffDosimetry: ViewStaffDosimetry
    // Staff records (issue 17)
    public let recordTraining: RecordTraining
    public let recordCompetency: RecordCompetency
    public let logSupervisedPractice: LogSupervisedPractice
    public let signOffSupervisedPractice: SignOffSupervisedPractice
    public let recordCPD: RecordCPD
    public let recordAppraisal: RecordAppraisal
    public let viewStaffRecords: ViewStaffRecords
    public let applyStaffExpiries: ApplyStaffExpiries

    // Stock and lead aprons (issue 17)
    public let addStockItem: AddStockItem
    public let receiveStock: ReceiveStock
    public let recordStockMovement: RecordStockMovement
    public let placeStockOrder: PlaceStockOrder
    public let addLeadApron: AddLeadApron
    public let recordApronCheck: RecordApronCheck
    public let viewStock: ViewStock
    // Equipment, QA and faults (issue 17)
    public let registerEquipment: RegisterEquipment
    public let updateEquipment: UpdateEquipment
    public let viewEquipment: ViewEquipment
    public let recordQAResult: RecordQAResult
    public let listQAAlerts: ListQAAlerts
    public let checkQACompliance: CheckQACompliance
    public let reportFault: ReportFault
    public let sendFaultToEngineering: SendFaultToEngineering
    public let closeFault: CloseFault

    // Infection control and service hours (issue 17)
    public let flagIsolation: FlagIsolation
    public let recordCleaning: RecordCleaning
    public let setRoomServiceHours: SetRoomServiceHours
    // Statistics and national returns (issue 17)
    public let viewDM01: ViewDM01
    public let viewReportingTurnaround: ViewReportingTurnaround
    public let viewRejectRates: ViewRejectRates
    public let viewPregnancyRecording: ViewPregnancyRecording
    public let viewRoomActivity: ViewRoomActivity
    public let exportDiagnosticImagingDataset: ExportDiagnosticImagingDataset
    // Dose register (issue 16)
    public let recordDoseEntry: RecordDoseEntry
    public let acknowledgeDoseAlert: AcknowledgeDoseAlert
    public let listDoseAlerts: ListDoseAlerts
    public let viewDoseStatistics: ViewDoseStatistics
    public let referenceLevels: ManageReferenceLevels
    // Booking desk pages (issue 14)
    public let viewWaitingList: ViewWaitingList
    public let viewRoomCalendar: ViewRoomCalendar
    public let printAppointmentLetter: PrintAppointmentLetter
    // The support workers' task board (issue 14)
    public let requestSupportTask: RequestSupportTask
    public let claimSupportTask: ClaimSupportTask
    public let releaseSupportTask: ReleaseSupportTask
    public let completeSupportTask: CompleteSupportTask
    public let cancelSupportTask: CancelSupportTask
    public let viewSupportTasks: ViewSupportTasks
    public let viewPatientDoseHistory: ViewPatientDoseHistory
    public let exportDoseRegister: ExportDoseRegister
    // Incidents and near misses (issue 17)
    public let reportIncident: ReportIncident
    public let recordIncidentInvestigation: RecordIncidentInvestigation
    public let recordCandourContact: RecordCandourContact
    public let linkIncidentSAUE: LinkIncidentSAUE
    public let closeIncident: CloseIncident
    public let listIncidents: ListIncidents
    public let exportIncidents: ExportIncidents
    // The rota (issue 17)
    public let assignRota: AssignRota
    public let removeRotaAssignment: RemoveRotaAssignment
    public let viewRota: ViewRota
    // Administration (issue 14)
    public let updateAccount: UpdateAccount
    // Bounded queues with their counts (issue 14's homes and worklists)
    public let listExamQueues: ListExamQueues

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
        createRequest = CreateRequest(environment)
        resubmitRequest = ResubmitRequest(environment)
        justifyRequest = JustifyRequest(environment)
        bookExam = BookExam(environment)
        rebookExam = RebookExam(environment)
        recordArrival = RecordArrival(environment)
        recordPauseAndCheck = RecordPauseAndCheck(environment)
        startExam = StartExam(environment)
        completeExam = CompleteExam(environment)
        checkImages = CheckImages(environment)
        dischargePatient = DischargePatient(environment)
        cancelExam = CancelExam(environment)
        cancelOrder = CancelOrder(environment)
        recordDidNotAttend = RecordDidNotAttend(environment)
        recordContrastReaction = RecordContrastReaction(environment)
        recordReport = RecordReport(environment)
        verifyReport = VerifyReport(environment)
        discontinueExam = DiscontinueExam(environment)
        resolveOutsidePathway = ResolveOutsidePathway(environment)
        viewWorklist = ViewWorklist(environment)
        listExamsToRebook = ListExamsToRebook(environment)
        setRoomAETitle = SetRoomAETitle(environment)
        recordModalityStepProgress = RecordModalityStepProgress(environment)
        registerPatient = RegisterPatient(environment)
        updatePatient = UpdatePatient(environment)
        receivePatientDemographics = ReceivePatientDemographics(environment)
        mergePatients = MergePatients(environment)
        changePatientIdentifier = ChangePatientIdentifier(environment)
        viewPatientRecord = ViewPatientRecord(environment)
        searchPatients = SearchPatients(environment)
        viewExam = ViewExam(environment)
        listExams = ListExams(environment)
        addReferrer = AddReferrer(environment)
        updateReferrer = UpdateReferrer(environment)
        addStaffMember = AddStaffMember(environment)
        updateStaffMember = UpdateStaffMember(environment)
        grantEntitlement = GrantEntitlement(environment)
        revokeEntitlement = RevokeEntitlement(environment)
        addRoom = AddRoom(environment)
        setRoomStatus = SetRoomStatus(environment)
        upsertCatalogueEntries = UpsertCatalogueEntries(environment)
        browse = BrowseReferenceData(environment)
        viewAuditLog = ViewAuditLog(environment)
        viewOutbox = ViewOutbox(environment)
        recordVitalSigns = RecordVitalSigns(environment)
        acknowledgeVitalSignsAlert = AcknowledgeVitalSignsAlert(environment)
        listOpenAlerts = ListOpenAlerts(environment)
        flagFinding = FlagFinding(environment)
        acknowledgeReportAlert = AcknowledgeReportAlert(environment)
        escalateOverdueAlerts = EscalateOverdueAlerts(environment)
        viewExposureRecord = ViewExposureRecord(environment)
        setThreshold = SetThreshold(environment)
        viewThresholds = ViewThresholds(environment)
        reportSAUE = ReportSAUE(environment)
        reviewSAUE = ReviewSAUE(environment)
        listSAUECases = ListSAUECases(environment)
        exportSAUENotification = ExportSAUENotification(environment)
        recordDosemeterReading = RecordDosemeterReading(environment)
        closeStaffDoseInvestigation = CloseStaffDoseInvestigation(environment)
        classifyWorker = ClassifyWorker(environment)
        viewStaffDosimetry = ViewStaffDosimetry(environment)
        recordTraining = RecordTraining(environment)
        recordCompetency = RecordCompetency(environment)
        logSupervisedPractice = LogSupervisedPractice(environment)
        signOffSupervisedPractice = SignOffSupervisedPractice(environment)
        recordCPD = RecordCPD(environment)
        recordAppraisal = RecordAppraisal(environment)
        viewStaffRecords = ViewStaffRecords(environment)
        applyStaffExpiries = ApplyStaffExpiries(environment)
        addStockItem = AddStockItem(environment)
        receiveStock = ReceiveStock(environment)
        recordStockMovement = RecordStockMovement(environment)
        placeStockOrder = PlaceStockOrder(environment)
        addLeadApron = AddLeadApron(environment)
        recordApronCheck = RecordApronCheck(environment)
        viewStock = ViewStock(environment)
        registerEquipment = RegisterEquipment(environment)
        updateEquipment = UpdateEquipment(environment)
        viewEquipment = ViewEquipment(environment)
        recordQAResult = RecordQAResult(environment)
        listQAAlerts = ListQAAlerts(environment)
        checkQACompliance = CheckQACompliance(environment)
        reportFault = ReportFault(environment)
        sendFaultToEngineering = SendFaultToEngineering(environment)
        closeFault = CloseFault(environment)
        flagIsolation = FlagIsolation(environment)
        recordCleaning = RecordCleaning(environment)
        setRoomServiceHours = SetRoomServiceHours(environment)
        viewDM01 = ViewDM01(environment)
        viewReportingTurnaround = ViewReportingTurnaround(environment)
        viewRejectRates = ViewRejectRates(environment)
        viewPregnancyRecording = ViewPregnancyRecording(environment)
        viewRoomActivity = ViewRoomActivity(environment)
        exportDiagnosticImagingDataset = ExportDiagnosticImagingDataset(environment)
        recordDoseEntry = RecordDoseEntry(environment)
        acknowledgeDoseAlert = AcknowledgeDoseAlert(environment)
        listDoseAlerts = ListDoseAlerts(environment)
        viewDoseStatistics = ViewDoseStatistics(environment)
        referenceLevels = ManageReferenceLevels(environment)
        viewWaitingList = ViewWaitingList(environment)
        viewRoomCalendar = ViewRoomCalendar(environment)
        printAppointmentLetter = PrintAppointmentLetter(environment)
        requestSupportTask = RequestSupportTask(environment)
        claimSupportTask = ClaimSupportTask(environment)
        releaseSupportTask = ReleaseSupportTask(environment)
        completeSupportTask = CompleteSupportTask(environment)
        cancelSupportTask = CancelSupportTask(environment)
        viewSupportTasks = ViewSupportTasks(environment)
        viewPatientDoseHistory = ViewPatientDoseHistory(environment)
        exportDoseRegister = ExportDoseRegister(environment)
        reportIncident = ReportIncident(environment)
        recordIncidentInvestigation = RecordIncidentInvestigation(environment)
        recordCandourContact = RecordCandourContact(environment)
        linkIncidentSAUE = LinkIncidentSAUE(environment)
        closeIncident = CloseIncident(environment)
        listIncidents = ListIncidents(environment)
        exportIncidents = ExportIncidents(environment)
        assignRota = AssignRota(environment)
        removeRotaAssignment = RemoveRotaAssignment(environment)
        viewRota = ViewRota(environment)
        updateAccount = UpdateAccount(environment)
        listExamQueues = ListExamQueues(environment)
    }

    public init(
        store: any DepartmentStore, clock: any Clock, ids: any IDGenerator,
        configuration: DepartmentConfiguration = .default, policy: AccessPolicy = .default
    ) {
        self.init(
            DepartmentEnvironment(store: store, clock: clock, ids: ids, configuration: configuration, policy: policy))
    }
}
