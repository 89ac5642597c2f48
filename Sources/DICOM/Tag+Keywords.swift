// Named tags for the attributes used most; every other public tag is reachable through
// `Tag(keyword:)` and `DataDictionary`. Names and numbers from PS3.6 (see Dictionary/).

extension Tag {
    /// Command Group Length (0000,0000), UL, VM 1. PS3.6.
    public static let commandGroupLength = Tag(0x0000, 0x0000)
    /// Affected SOP Class UID (0000,0002), UI, VM 1. PS3.6.
    public static let affectedSOPClassUID = Tag(0x0000, 0x0002)
    /// Requested SOP Class UID (0000,0003), UI, VM 1. PS3.6.
    public static let requestedSOPClassUID = Tag(0x0000, 0x0003)
    /// Command Field (0000,0100), US, VM 1. PS3.6.
    public static let commandField = Tag(0x0000, 0x0100)
    /// Message ID (0000,0110), US, VM 1. PS3.6.
    public static let messageID = Tag(0x0000, 0x0110)
    /// Message ID Being Responded To (0000,0120), US, VM 1. PS3.6.
    public static let messageIDBeingRespondedTo = Tag(0x0000, 0x0120)
    /// Move Destination (0000,0600), AE, VM 1. PS3.6.
    public static let moveDestination = Tag(0x0000, 0x0600)
    /// Priority (0000,0700), US, VM 1. PS3.6.
    public static let priority = Tag(0x0000, 0x0700)
    /// Command Data Set Type (0000,0800), US, VM 1. PS3.6.
    public static let commandDataSetType = Tag(0x0000, 0x0800)
    /// Status (0000,0900), US, VM 1. PS3.6.
    public static let status = Tag(0x0000, 0x0900)
    /// Offending Element (0000,0901), AT, VM 1-n. PS3.6.
    public static let offendingElement = Tag(0x0000, 0x0901)
    /// Error Comment (0000,0902), LO, VM 1. PS3.6.
    public static let errorComment = Tag(0x0000, 0x0902)
    /// Error ID (0000,0903), US, VM 1. PS3.6.
    public static let errorID = Tag(0x0000, 0x0903)
    /// Affected SOP Instance UID (0000,1000), UI, VM 1. PS3.6.
    public static let affectedSOPInstanceUID = Tag(0x0000, 0x1000)
    /// Requested SOP Instance UID (0000,1001), UI, VM 1. PS3.6.
    public static let requestedSOPInstanceUID = Tag(0x0000, 0x1001)
    /// Event Type ID (0000,1002), US, VM 1. PS3.6.
    public static let eventTypeID = Tag(0x0000, 0x1002)
    /// Attribute Identifier List (0000,1005), AT, VM 1-n. PS3.6.
    public static let attributeIdentifierList = Tag(0x0000, 0x1005)
    /// Action Type ID (0000,1008), US, VM 1. PS3.6.
    public static let actionTypeID = Tag(0x0000, 0x1008)
    /// Number of Remaining Sub-operations (0000,1020), US, VM 1. PS3.6.
    public static let numberOfRemainingSuboperations = Tag(0x0000, 0x1020)
    /// Number of Completed Sub-operations (0000,1021), US, VM 1. PS3.6.
    public static let numberOfCompletedSuboperations = Tag(0x0000, 0x1021)
    /// Number of Failed Sub-operations (0000,1022), US, VM 1. PS3.6.
    public static let numberOfFailedSuboperations = Tag(0x0000, 0x1022)
    /// Number of Warning Sub-operations (0000,1023), US, VM 1. PS3.6.
    public static let numberOfWarningSuboperations = Tag(0x0000, 0x1023)
    /// Move Originator Application Entity Title (0000,1030), AE, VM 1. PS3.6.
    public static let moveOriginatorApplicationEntityTitle = Tag(0x0000, 0x1030)
    /// Move Originator Message ID (0000,1031), US, VM 1. PS3.6.
    public static let moveOriginatorMessageID = Tag(0x0000, 0x1031)
    /// File Meta Information Group Length (0002,0000), UL, VM 1. PS3.6.
    public static let fileMetaInformationGroupLength = Tag(0x0002, 0x0000)
    /// File Meta Information Version (0002,0001), OB, VM 1. PS3.6.
    public static let fileMetaInformationVersion = Tag(0x0002, 0x0001)
    /// Media Storage SOP Class UID (0002,0002), UI, VM 1. PS3.6.
    public static let mediaStorageSOPClassUID = Tag(0x0002, 0x0002)
    /// Media Storage SOP Instance UID (0002,0003), UI, VM 1. PS3.6.
    public static let mediaStorageSOPInstanceUID = Tag(0x0002, 0x0003)
    /// Transfer Syntax UID (0002,0010), UI, VM 1. PS3.6.
    public static let transferSyntaxUID = Tag(0x0002, 0x0010)
    /// Implementation Class UID (0002,0012), UI, VM 1. PS3.6.
    public static let implementationClassUID = Tag(0x0002, 0x0012)
    /// Implementation Version Name (0002,0013), SH, VM 1. PS3.6.
    public static let implementationVersionName = Tag(0x0002, 0x0013)
    /// Source Application Entity Title (0002,0016), AE, VM 1. PS3.6.
    public static let sourceApplicationEntityTitle = Tag(0x0002, 0x0016)
    /// Sending Application Entity Title (0002,0017), AE, VM 1. PS3.6.
    public static let sendingApplicationEntityTitle = Tag(0x0002, 0x0017)
    /// Receiving Application Entity Title (0002,0018), AE, VM 1. PS3.6.
    public static let receivingApplicationEntityTitle = Tag(0x0002, 0x0018)
    /// Private Information Creator UID (0002,0100), UI, VM 1. PS3.6.
    public static let privateInformationCreatorUID = Tag(0x0002, 0x0100)
    /// Private Information (0002,0102), OB, VM 1. PS3.6.
    public static let privateInformation = Tag(0x0002, 0x0102)
    /// Specific Character Set (0008,0005), CS, VM 1-n. PS3.6.
    public static let specificCharacterSet = Tag(0x0008, 0x0005)
    /// Image Type (0008,0008), CS, VM 2-n. PS3.6.
    public static let imageType = Tag(0x0008, 0x0008)
    /// Instance Creation Date (0008,0012), DA, VM 1. PS3.6.
    public static let instanceCreationDate = Tag(0x0008, 0x0012)
    /// Instance Creation Time (0008,0013), TM, VM 1. PS3.6.
    public static let instanceCreationTime = Tag(0x0008, 0x0013)
    /// SOP Class UID (0008,0016), UI, VM 1. PS3.6.
    public static let sopClassUID = Tag(0x0008, 0x0016)
    /// SOP Instance UID (0008,0018), UI, VM 1. PS3.6.
    public static let sopInstanceUID = Tag(0x0008, 0x0018)
    /// Study Date (0008,0020), DA, VM 1. PS3.6.
    public static let studyDate = Tag(0x0008, 0x0020)
    /// Series Date (0008,0021), DA, VM 1. PS3.6.
    public static let seriesDate = Tag(0x0008, 0x0021)
    /// Acquisition Date (0008,0022), DA, VM 1. PS3.6.
    public static let acquisitionDate = Tag(0x0008, 0x0022)
    /// Content Date (0008,0023), DA, VM 1. PS3.6.
    public static let contentDate = Tag(0x0008, 0x0023)
    /// Acquisition DateTime (0008,002A), DT, VM 1. PS3.6.
    public static let acquisitionDateTime = Tag(0x0008, 0x002A)
    /// Study Time (0008,0030), TM, VM 1. PS3.6.
    public static let studyTime = Tag(0x0008, 0x0030)
    /// Series Time (0008,0031), TM, VM 1. PS3.6.
    public static let seriesTime = Tag(0x0008, 0x0031)
    /// Acquisition Time (0008,0032), TM, VM 1. PS3.6.
    public static let acquisitionTime = Tag(0x0008, 0x0032)
    /// Content Time (0008,0033), TM, VM 1. PS3.6.
    public static let contentTime = Tag(0x0008, 0x0033)
    /// Accession Number (0008,0050), SH, VM 1. PS3.6.
    public static let accessionNumber = Tag(0x0008, 0x0050)
    /// Query/Retrieve Level (0008,0052), CS, VM 1. PS3.6.
    public static let queryRetrieveLevel = Tag(0x0008, 0x0052)
    /// Retrieve AE Title (0008,0054), AE, VM 1-n. PS3.6.
    public static let retrieveAETitle = Tag(0x0008, 0x0054)
    /// Instance Availability (0008,0056), CS, VM 1. PS3.6.
    public static let instanceAvailability = Tag(0x0008, 0x0056)
    /// Modality (0008,0060), CS, VM 1. PS3.6.
    public static let modality = Tag(0x0008, 0x0060)
    /// Conversion Type (0008,0064), CS, VM 1. PS3.6.
    public static let conversionType = Tag(0x0008, 0x0064)
    /// Manufacturer (0008,0070), LO, VM 1. PS3.6.
    public static let manufacturer = Tag(0x0008, 0x0070)
    /// Institution Name (0008,0080), LO, VM 1. PS3.6.
    public static let institutionName = Tag(0x0008, 0x0080)
    /// Institution Address (0008,0081), ST, VM 1. PS3.6.
    public static let institutionAddress = Tag(0x0008, 0x0081)
    /// Referring Physician's Name (0008,0090), PN, VM 1. PS3.6.
    public static let referringPhysicianName = Tag(0x0008, 0x0090)
    /// Station Name (0008,1010), SH, VM 1. PS3.6.
    public static let stationName = Tag(0x0008, 0x1010)
    /// Study Description (0008,1030), LO, VM 1. PS3.6.
    public static let studyDescription = Tag(0x0008, 0x1030)
    /// Procedure Code Sequence (0008,1032), SQ, VM 1. PS3.6.
    public static let procedureCodeSequence = Tag(0x0008, 0x1032)
    /// Series Description (0008,103E), LO, VM 1. PS3.6.
    public static let seriesDescription = Tag(0x0008, 0x103E)
    /// Institutional Department Name (0008,1040), LO, VM 1. PS3.6.
    public static let institutionalDepartmentName = Tag(0x0008, 0x1040)
    /// Performing Physician's Name (0008,1050), PN, VM 1-n. PS3.6.
    public static let performingPhysicianName = Tag(0x0008, 0x1050)
    /// Operators' Name (0008,1070), PN, VM 1-n. PS3.6.
    public static let operatorsName = Tag(0x0008, 0x1070)
    /// Manufacturer's Model Name (0008,1090), LO, VM 1. PS3.6.
    public static let manufacturerModelName = Tag(0x0008, 0x1090)
    /// Referenced Study Sequence (0008,1110), SQ, VM 1. PS3.6.
    public static let referencedStudySequence = Tag(0x0008, 0x1110)
    /// Referenced Series Sequence (0008,1115), SQ, VM 1. PS3.6.
    public static let referencedSeriesSequence = Tag(0x0008, 0x1115)
    /// Referenced Image Sequence (0008,1140), SQ, VM 1. PS3.6.
    public static let referencedImageSequence = Tag(0x0008, 0x1140)
    /// Referenced SOP Class UID (0008,1150), UI, VM 1. PS3.6.
    public static let referencedSOPClassUID = Tag(0x0008, 0x1150)
    /// Referenced SOP Instance UID (0008,1155), UI, VM 1. PS3.6.
    public static let referencedSOPInstanceUID = Tag(0x0008, 0x1155)
    /// Referenced Performed Procedure Step Sequence (0008,1111), SQ, VM 1. PS3.6.
    public static let referencedPerformedProcedureStepSequence = Tag(0x0008, 0x1111)
    /// Source Image Sequence (0008,2112), SQ, VM 1. PS3.6.
    public static let sourceImageSequence = Tag(0x0008, 0x2112)
    /// Anatomic Region Sequence (0008,2218), SQ, VM 1. PS3.6.
    public static let anatomicRegionSequence = Tag(0x0008, 0x2218)
    /// Code Value (0008,0100), SH, VM 1. PS3.6.
    public static let codeValue = Tag(0x0008, 0x0100)
    /// Coding Scheme Designator (0008,0102), SH, VM 1. PS3.6.
    public static let codingSchemeDesignator = Tag(0x0008, 0x0102)
    /// Coding Scheme Version (0008,0103), SH, VM 1. PS3.6.
    public static let codingSchemeVersion = Tag(0x0008, 0x0103)
    /// Code Meaning (0008,0104), LO, VM 1. PS3.6.
    public static let codeMeaning = Tag(0x0008, 0x0104)
    /// Long Code Value (0008,0119), UC, VM 1. PS3.6.
    public static let longCodeValue = Tag(0x0008, 0x0119)
    /// URN Code Value (0008,0120), UR, VM 1. PS3.6.
    public static let urnCodeValue = Tag(0x0008, 0x0120)
    /// Concept Name Code Sequence (0040,A043), SQ, VM 1. PS3.6.
    public static let conceptNameCodeSequence = Tag(0x0040, 0xA043)
    /// Concept Code Sequence (0040,A168), SQ, VM 1. PS3.6.
    public static let conceptCodeSequence = Tag(0x0040, 0xA168)
    /// Patient's Name (0010,0010), PN, VM 1. PS3.6.
    public static let patientName = Tag(0x0010, 0x0010)
    /// Patient ID (0010,0020), LO, VM 1. PS3.6.
    public static let patientID = Tag(0x0010, 0x0020)
    /// Issuer of Patient ID (0010,0021), LO, VM 1. PS3.6.
    public static let issuerOfPatientID = Tag(0x0010, 0x0021)
    /// Other Patient IDs Sequence (0010,1002), SQ, VM 1. PS3.6.
    public static let otherPatientIDsSequence = Tag(0x0010, 0x1002)
    /// Patient's Birth Date (0010,0030), DA, VM 1. PS3.6.
    public static let patientBirthDate = Tag(0x0010, 0x0030)
    /// Patient's Sex (0010,0040), CS, VM 1. PS3.6.
    public static let patientSex = Tag(0x0010, 0x0040)
    /// Patient's Age (0010,1010), AS, VM 1. PS3.6.
    public static let patientAge = Tag(0x0010, 0x1010)
    /// Patient's Size (0010,1020), DS, VM 1. PS3.6.
    public static let patientSize = Tag(0x0010, 0x1020)
    /// Patient's Weight (0010,1030), DS, VM 1. PS3.6.
    public static let patientWeight = Tag(0x0010, 0x1030)
    /// Patient Comments (0010,4000), LT, VM 1. PS3.6.
    public static let patientComments = Tag(0x0010, 0x4000)
    /// Body Part Examined (0018,0015), CS, VM 1. PS3.6.
    public static let bodyPartExamined = Tag(0x0018, 0x0015)
    /// Slice Thickness (0018,0050), DS, VM 1. PS3.6.
    public static let sliceThickness = Tag(0x0018, 0x0050)
    /// KVP (0018,0060), DS, VM 1. PS3.6.
    public static let kvp = Tag(0x0018, 0x0060)
    /// Device Serial Number (0018,1000), LO, VM 1. PS3.6.
    public static let deviceSerialNumber = Tag(0x0018, 0x1000)
    /// Software Versions (0018,1020), LO, VM 1-n. PS3.6.
    public static let softwareVersions = Tag(0x0018, 0x1020)
    /// Protocol Name (0018,1030), LO, VM 1. PS3.6.
    public static let protocolName = Tag(0x0018, 0x1030)
    /// Distance Source to Detector (0018,1110), DS, VM 1. PS3.6.
    public static let distanceSourceToDetector = Tag(0x0018, 0x1110)
    /// Distance Source to Patient (0018,1111), DS, VM 1. PS3.6.
    public static let distanceSourceToPatient = Tag(0x0018, 0x1111)
    /// Exposure Time (0018,1150), IS, VM 1. PS3.6.
    public static let exposureTime = Tag(0x0018, 0x1150)
    /// X-Ray Tube Current (0018,1151), IS, VM 1. PS3.6.
    public static let xRayTubeCurrent = Tag(0x0018, 0x1151)
    /// Exposure (0018,1152), IS, VM 1. PS3.6.
    public static let exposure = Tag(0x0018, 0x1152)
    /// Exposure in uAs (0018,1153), IS, VM 1. PS3.6.
    public static let exposureInuAs = Tag(0x0018, 0x1153)
    /// Image and Fluoroscopy Area Dose Product (0018,115E), DS, VM 1. PS3.6.
    public static let imageAndFluoroscopyAreaDoseProduct = Tag(0x0018, 0x115E)
    /// Patient Position (0018,5100), CS, VM 1. PS3.6.
    public static let patientPosition = Tag(0x0018, 0x5100)
    /// View Position (0018,5101), CS, VM 1. PS3.6.
    public static let viewPosition = Tag(0x0018, 0x5101)
    /// CTDIvol (0018,9345), FD, VM 1. PS3.6.
    public static let ctdiVol = Tag(0x0018, 0x9345)
    /// Acquisition Protocol Name (0018,9423), LO, VM 1. PS3.6.
    public static let acquisitionProtocolName = Tag(0x0018, 0x9423)
    /// Study Instance UID (0020,000D), UI, VM 1. PS3.6.
    public static let studyInstanceUID = Tag(0x0020, 0x000D)
    /// Series Instance UID (0020,000E), UI, VM 1. PS3.6.
    public static let seriesInstanceUID = Tag(0x0020, 0x000E)
    /// Study ID (0020,0010), SH, VM 1. PS3.6.
    public static let studyID = Tag(0x0020, 0x0010)
    /// Series Number (0020,0011), IS, VM 1. PS3.6.
    public static let seriesNumber = Tag(0x0020, 0x0011)
    /// Acquisition Number (0020,0012), IS, VM 1. PS3.6.
    public static let acquisitionNumber = Tag(0x0020, 0x0012)
    /// Instance Number (0020,0013), IS, VM 1. PS3.6.
    public static let instanceNumber = Tag(0x0020, 0x0013)
    /// Image Position (Patient) (0020,0032), DS, VM 3. PS3.6.
    public static let imagePositionPatient = Tag(0x0020, 0x0032)
    /// Image Orientation (Patient) (0020,0037), DS, VM 6. PS3.6.
    public static let imageOrientationPatient = Tag(0x0020, 0x0037)
    /// Frame of Reference UID (0020,0052), UI, VM 1. PS3.6.
    public static let frameOfReferenceUID = Tag(0x0020, 0x0052)
    /// Laterality (0020,0060), CS, VM 1. PS3.6.
    public static let laterality = Tag(0x0020, 0x0060)
    /// Image Laterality (0020,0062), CS, VM 1. PS3.6.
    public static let imageLaterality = Tag(0x0020, 0x0062)
    /// Number of Study Related Series (0020,1206), IS, VM 1. PS3.6.
    public static let numberOfStudyRelatedSeries = Tag(0x0020, 0x1206)
    /// Number of Study Related Instances (0020,1208), IS, VM 1. PS3.6.
    public static let numberOfStudyRelatedInstances = Tag(0x0020, 0x1208)
    /// Number of Series Related Instances (0020,1209), IS, VM 1. PS3.6.
    public static let numberOfSeriesRelatedInstances = Tag(0x0020, 0x1209)
    /// Samples per Pixel (0028,0002), US, VM 1. PS3.6.
    public static let samplesPerPixel = Tag(0x0028, 0x0002)
    /// Photometric Interpretation (0028,0004), CS, VM 1. PS3.6.
    public static let photometricInterpretation = Tag(0x0028, 0x0004)
    /// Planar Configuration (0028,0006), US, VM 1. PS3.6.
    public static let planarConfiguration = Tag(0x0028, 0x0006)
    /// Number of Frames (0028,0008), IS, VM 1. PS3.6.
    public static let numberOfFrames = Tag(0x0028, 0x0008)
    /// Frame Increment Pointer (0028,0009), AT, VM 1-n. PS3.6.
    public static let frameIncrementPointer = Tag(0x0028, 0x0009)
    /// Rows (0028,0010), US, VM 1. PS3.6.
    public static let rows = Tag(0x0028, 0x0010)
    /// Columns (0028,0011), US, VM 1. PS3.6.
    public static let columns = Tag(0x0028, 0x0011)
    /// Pixel Spacing (0028,0030), DS, VM 2. PS3.6.
    public static let pixelSpacing = Tag(0x0028, 0x0030)
    /// Bits Allocated (0028,0100), US, VM 1. PS3.6.
    public static let bitsAllocated = Tag(0x0028, 0x0100)
    /// Bits Stored (0028,0101), US, VM 1. PS3.6.
    public static let bitsStored = Tag(0x0028, 0x0101)
    /// High Bit (0028,0102), US, VM 1. PS3.6.
    public static let highBit = Tag(0x0028, 0x0102)
    /// Pixel Representation (0028,0103), US, VM 1. PS3.6.
    public static let pixelRepresentation = Tag(0x0028, 0x0103)
    /// Smallest Image Pixel Value (0028,0106), US or SS, VM 1. PS3.6.
    public static let smallestImagePixelValue = Tag(0x0028, 0x0106)
    /// Largest Image Pixel Value (0028,0107), US or SS, VM 1. PS3.6.
    public static let largestImagePixelValue = Tag(0x0028, 0x0107)
    /// Window Center (0028,1050), DS, VM 1-n. PS3.6.
    public static let windowCenter = Tag(0x0028, 0x1050)
    /// Window Width (0028,1051), DS, VM 1-n. PS3.6.
    public static let windowWidth = Tag(0x0028, 0x1051)
    /// Rescale Intercept (0028,1052), DS, VM 1. PS3.6.
    public static let rescaleIntercept = Tag(0x0028, 0x1052)
    /// Rescale Slope (0028,1053), DS, VM 1. PS3.6.
    public static let rescaleSlope = Tag(0x0028, 0x1053)
    /// Rescale Type (0028,1054), LO, VM 1. PS3.6.
    public static let rescaleType = Tag(0x0028, 0x1054)
    /// Window Center & Width Explanation (0028,1055), LO, VM 1-n. PS3.6.
    public static let windowCenterWidthExplanation = Tag(0x0028, 0x1055)
    /// VOI LUT Function (0028,1056), CS, VM 1. PS3.6.
    public static let voiLUTFunction = Tag(0x0028, 0x1056)
    /// Lossy Image Compression (0028,2110), CS, VM 1. PS3.6.
    public static let lossyImageCompression = Tag(0x0028, 0x2110)
    /// Modality LUT Sequence (0028,3000), SQ, VM 1. PS3.6.
    public static let modalityLUTSequence = Tag(0x0028, 0x3000)
    /// VOI LUT Sequence (0028,3010), SQ, VM 1. PS3.6.
    public static let voiLUTSequence = Tag(0x0028, 0x3010)
    /// LUT Descriptor (0028,3002), US or SS, VM 3. PS3.6.
    public static let lutDescriptor = Tag(0x0028, 0x3002)
    /// LUT Data (0028,3006), US or OW, VM 1-n. PS3.6.
    public static let lutData = Tag(0x0028, 0x3006)
    /// Red Palette Color Lookup Table Descriptor (0028,1101), US or SS, VM 3. PS3.6.
    public static let redPaletteColorLookupTableDescriptor = Tag(0x0028, 0x1101)
    /// Green Palette Color Lookup Table Descriptor (0028,1102), US or SS, VM 3. PS3.6.
    public static let greenPaletteColorLookupTableDescriptor = Tag(0x0028, 0x1102)
    /// Blue Palette Color Lookup Table Descriptor (0028,1103), US or SS, VM 3. PS3.6.
    public static let bluePaletteColorLookupTableDescriptor = Tag(0x0028, 0x1103)
    /// Red Palette Color Lookup Table Data (0028,1201), OW, VM 1. PS3.6.
    public static let redPaletteColorLookupTableData = Tag(0x0028, 0x1201)
    /// Green Palette Color Lookup Table Data (0028,1202), OW, VM 1. PS3.6.
    public static let greenPaletteColorLookupTableData = Tag(0x0028, 0x1202)
    /// Blue Palette Color Lookup Table Data (0028,1203), OW, VM 1. PS3.6.
    public static let bluePaletteColorLookupTableData = Tag(0x0028, 0x1203)
    /// Icon Image Sequence (0088,0200), SQ, VM 1. PS3.6.
    public static let iconImageSequence = Tag(0x0088, 0x0200)
    /// Requested Procedure ID (0040,1001), SH, VM 1. PS3.6.
    public static let requestedProcedureID = Tag(0x0040, 0x1001)
    /// Requested Procedure Description (0032,1060), LO, VM 1. PS3.6.
    public static let requestedProcedureDescription = Tag(0x0032, 0x1060)
    /// Scheduled Procedure Step Sequence (0040,0100), SQ, VM 1. PS3.6.
    public static let scheduledProcedureStepSequence = Tag(0x0040, 0x0100)
    /// Scheduled Station AE Title (0040,0001), AE, VM 1-n. PS3.6.
    public static let scheduledStationAETitle = Tag(0x0040, 0x0001)
    /// Scheduled Procedure Step Start Date (0040,0002), DA, VM 1. PS3.6.
    public static let scheduledProcedureStepStartDate = Tag(0x0040, 0x0002)
    /// Scheduled Procedure Step Start Time (0040,0003), TM, VM 1. PS3.6.
    public static let scheduledProcedureStepStartTime = Tag(0x0040, 0x0003)
    /// Scheduled Performing Physician's Name (0040,0006), PN, VM 1. PS3.6.
    public static let scheduledPerformingPhysicianName = Tag(0x0040, 0x0006)
    /// Scheduled Procedure Step Description (0040,0007), LO, VM 1. PS3.6.
    public static let scheduledProcedureStepDescription = Tag(0x0040, 0x0007)
    /// Scheduled Procedure Step ID (0040,0009), SH, VM 1. PS3.6.
    public static let scheduledProcedureStepID = Tag(0x0040, 0x0009)
    /// Scheduled Station Name (0040,0010), SH, VM 1-n. PS3.6.
    public static let scheduledStationName = Tag(0x0040, 0x0010)
    /// Performed Procedure Step Start Date (0040,0244), DA, VM 1. PS3.6.
    public static let performedProcedureStepStartDate = Tag(0x0040, 0x0244)
    /// Performed Procedure Step Start Time (0040,0245), TM, VM 1. PS3.6.
    public static let performedProcedureStepStartTime = Tag(0x0040, 0x0245)
    /// Performed Procedure Step Status (0040,0252), CS, VM 1. PS3.6.
    public static let performedProcedureStepStatus = Tag(0x0040, 0x0252)
    /// Performed Procedure Step ID (0040,0253), SH, VM 1. PS3.6.
    public static let performedProcedureStepID = Tag(0x0040, 0x0253)
    /// Performed Procedure Step End Date (0040,0250), DA, VM 1. PS3.6.
    public static let performedProcedureStepEndDate = Tag(0x0040, 0x0250)
    /// Performed Procedure Step End Time (0040,0251), TM, VM 1. PS3.6.
    public static let performedProcedureStepEndTime = Tag(0x0040, 0x0251)
    /// Value Type (0040,A040), CS, VM 1. PS3.6.
    public static let valueType = Tag(0x0040, 0xA040)
    /// Continuity Of Content (0040,A050), CS, VM 1. PS3.6.
    public static let continuityOfContent = Tag(0x0040, 0xA050)
    /// Relationship Type (0040,A010), CS, VM 1. PS3.6.
    public static let relationshipType = Tag(0x0040, 0xA010)
    /// Content Sequence (0040,A730), SQ, VM 1. PS3.6.
    public static let contentSequence = Tag(0x0040, 0xA730)
    /// Measured Value Sequence (0040,A300), SQ, VM 1. PS3.6.
    public static let measuredValueSequence = Tag(0x0040, 0xA300)
    /// Numeric Value (0040,A30A), DS, VM 1-n. PS3.6.
    public static let numericValue = Tag(0x0040, 0xA30A)
    /// Measurement Units Code Sequence (0040,08EA), SQ, VM 1. PS3.6.
    public static let measurementUnitsCodeSequence = Tag(0x0040, 0x08EA)
    /// Text Value (0040,A160), UT, VM 1. PS3.6.
    public static let textValue = Tag(0x0040, 0xA160)
    /// DateTime (0040,A120), DT, VM 1. PS3.6.
    public static let dateTime = Tag(0x0040, 0xA120)
    /// Date (0040,A121), DA, VM 1. PS3.6.
    public static let date = Tag(0x0040, 0xA121)
    /// Time (0040,A122), TM, VM 1. PS3.6.
    public static let time = Tag(0x0040, 0xA122)
    /// Person Name (0040,A123), PN, VM 1. PS3.6.
    public static let personName = Tag(0x0040, 0xA123)
    /// UID (0040,A124), UI, VM 1. PS3.6.
    public static let uid = Tag(0x0040, 0xA124)
    /// Content Template Sequence (0040,A504), SQ, VM 1. PS3.6.
    public static let contentTemplateSequence = Tag(0x0040, 0xA504)
    /// Template Identifier (0040,DB00), CS, VM 1. PS3.6.
    public static let templateIdentifier = Tag(0x0040, 0xDB00)
    /// Mapping Resource (0008,0105), CS, VM 1. PS3.6.
    public static let mappingResource = Tag(0x0008, 0x0105)
    /// Completion Flag (0040,A491), CS, VM 1. PS3.6.
    public static let completionFlag = Tag(0x0040, 0xA491)
    /// Verification Flag (0040,A493), CS, VM 1. PS3.6.
    public static let verificationFlag = Tag(0x0040, 0xA493)
    /// Referenced Content Item Identifier (0040,DB73), UL, VM 1-n. PS3.6.
    public static let referencedContentItemIdentifier = Tag(0x0040, 0xDB73)
    /// Float Pixel Data (7FE0,0008), OF, VM 1. PS3.6.
    public static let floatPixelData = Tag(0x7FE0, 0x0008)
    /// Double Float Pixel Data (7FE0,0009), OD, VM 1. PS3.6.
    public static let doubleFloatPixelData = Tag(0x7FE0, 0x0009)
    /// Pixel Data (7FE0,0010), OB or OW, VM 1. PS3.6.
    public static let pixelData = Tag(0x7FE0, 0x0010)
    /// Data Set Trailing Padding (FFFC,FFFC), OB, VM 1. PS3.6.
    public static let dataSetTrailingPadding = Tag(0xFFFC, 0xFFFC)
}
