// One table of {value, name} pairs per enum, read both ways: the name a value is stored and sent
// under, and the value a name stands for. A switch for the names beside a loop over every value
// for the parse had to be kept in step by hand; one table cannot drift. Pure; thread-safe.
//
//   constexpr EnumName<Colour> kColourNames[] = {{Colour::kRed, "red"}, {Colour::kBlue, "blue"}};
//   NameOf(kColourNames, Colour::kRed)  // "red"
//   ValueOf(kColourNames, "blue")       // Colour::kBlue
#ifndef SWV_SERVICES_KERNEL_ENUM_NAMES_H_
#define SWV_SERVICES_KERNEL_ENUM_NAMES_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace swv {

template <typename Enum>
struct EnumName {
  Enum value;
  // A literal, so that a caller that hands names on as C strings may return it as is.
  const char* name;
};

// The name of `value` in `table`; `fallback` for a value the table lacks (such as an integer cast
// to the enum).
template <typename Enum, std::size_t N>
constexpr const char* NameOf(const EnumName<Enum> (&table)[N], Enum value,
                             const char* fallback = "unknown") {
  for (const EnumName<Enum>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return fallback;
}

// The value whose name in `table` is exactly `name` (case counts); nullopt for any other name.
template <typename Enum, std::size_t N>
absl::optional<Enum> ValueOf(const EnumName<Enum> (&table)[N], absl::string_view name) {
  for (const EnumName<Enum>& entry : table) {
    if (name == entry.name) return entry.value;
  }
  return absl::nullopt;
}

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_ENUM_NAMES_H_
