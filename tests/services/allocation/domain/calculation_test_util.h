// Helpers of the calculation tests: the example year as input, and finding a line or a board.
#ifndef SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_CALCULATION_TEST_UTIL_H_
#define SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_CALCULATION_TEST_UTIL_H_

#include <string>

#include "gtest/gtest.h"
#include "services/allocation/domain/calculation.h"
#include "tests/services/allocation/domain/example_year.h"

namespace swv::allocation::testing {

inline CalculationInput ExampleInput() {
  CalculationInput input;
  input.config = *ValidateYearConfig(ExampleConfig());
  input.counts = ExampleCounts();
  input.schools = ExampleSchools();
  input.boards = ExampleBoards();
  return input;
}

// The first line of section/item whose school (or else wijk, or else board) is `key`.
inline const ResultLine& Find(const CalculationResult& result, const std::string& section,
                              const std::string& item, const std::string& key = "") {
  for (const ResultLine& line : result.lines) {
    if (line.section == section && line.item == item &&
        (key.empty() || line.school == key || (line.school.empty() && line.wijk == key) ||
         (line.school.empty() && line.wijk.empty() && line.board == key))) {
      return line;
    }
  }
  static const ResultLine kNone;
  ADD_FAILURE() << "no line " << section << "/" << item << "/" << key;
  return kNone;
}

inline bool HasLine(const CalculationResult& result, const std::string& section,
                    const std::string& item) {
  for (const ResultLine& line : result.lines) {
    if (line.section == section && line.item == item) return true;
  }
  return false;
}

inline const BoardTotal& Board(const CalculationResult& result, const std::string& code) {
  for (const BoardTotal& board : result.boards) {
    if (board.board == code) return board;
  }
  static const BoardTotal kNone;
  ADD_FAILURE() << "no board " << code;
  return kNone;
}

}  // namespace swv::allocation::testing

#endif  // SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_CALCULATION_TEST_UTIL_H_
