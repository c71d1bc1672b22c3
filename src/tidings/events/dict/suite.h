// TABARI-style validation suites (TABARI manual 10.1).
//
// A suite is a text file of records
//     YYMMDD  ID
//     sentence text ...
//     /* comments with the expected events
//        { SOURCE / TARGET / CODE } [YYMMDD]   one per event
//        {---} no events, {###} discard, {+++} complex,
//        -{...} stop checking, { OPTION: <options command> } */
//     <blank line>
// and a .project file naming the dictionaries (<verbsfile>, <actorsfile>,
// <agentsfile>, <optionsfile>, <textfile>), relative to the project file.
// RunSuite codes every record with the dictionaries and compares, applying
// OPTION records in order; like TABARI it stops at the first record without
// any validation field (FINAL-01 in TABARI's suite) unless told otherwise.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/events/dict/coder.h"
#include "tidings/events/dict/dictionary.h"

namespace tidings::dict {

struct ExpectedEvent {
  std::string source, target, code;
  std::string date;  // optional YYMMDD after the closing brace
};

struct SuiteRecord {
  size_t line = 0;  // 1-based line of the header
  std::string date_text;
  std::string id;
  std::string text;  // sentence text without comments
  bool final_period = false;
  std::vector<ExpectedEvent> expected;
  std::vector<std::string> specials;  // "---", "###", "+++"
  std::vector<std::string> options;   // OPTION: commands, in order
  bool stop_checking = false;         // "-{" present
  bool has_fields() const { return !expected.empty() || !specials.empty() || !options.empty() || stop_checking; }
};

// Parses suite text into records: TABARI text records, or PETRARCH-style XML
// (<Sentence date="YYYYMMDD" id="..."> <EventCoding sourcecode=".."
// targetcode=".." eventcode=".."/> or noevents="True", <Text>..</Text>).
std::vector<SuiteRecord> ParseSuite(std::string_view text);

struct ProjectFiles {
  std::string verbs, agents, options, text;
  std::vector<std::string> actors;
  std::vector<std::string> discards;
};
// Reads a .project file; paths are made relative to its directory.
StatusOr<ProjectFiles> ReadProject(const std::string& path);
// The dictionaries named in a PETRARCH-style XML suite's <Environment>
// (Verbfile, Actorfile, Agentfile, Discardfile; Discardfile goes to `actors`).
// Returns false when the text has no <Environment>.
bool ReadXmlEnvironment(std::string_view text, const std::string& dir, ProjectFiles& p);

// Loads the dictionaries named by a project. Time shifting is on when the
// verbs file has <TIME> phrases, as in TABARI; the options file may change it.
StatusOr<std::shared_ptr<Dictionaries>> LoadProjectDictionaries(const ProjectFiles& p);

struct RecordOutcome {
  const SuiteRecord* record = nullptr;
  bool checked = false;  // false for option-only and unchecked (-{) records
  bool passed = false;
  CodeResult result;
  std::string note;
};

struct SuiteReport {
  std::vector<RecordOutcome> outcomes;
  int checked = 0, passed = 0, unchecked = 0;
  std::string stopped_at;  // id of the record without fields where the run stopped
  double rate() const { return checked ? static_cast<double>(passed) / checked : 0; }
};

struct SuiteRunOptions {
  bool stop_without_fields = true;  // TABARI: stop at a record with no fields
  bool defaults_only = false;       // stop at the first OPTION after coded records
};

SuiteReport RunSuite(const std::vector<SuiteRecord>& records, const Coder& coder,
                     const SuiteRunOptions& ro = {});

// Formats "SRC/TGT/CODE" lists for reports.
std::string FormatEvents(const std::vector<CodedEvent>& e);
std::string FormatExpected(const SuiteRecord& r);

}  // namespace tidings::dict
