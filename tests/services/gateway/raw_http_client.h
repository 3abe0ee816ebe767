// A raw TCP client for the listener's tests: it sends exactly the bytes a test writes (half a
// request, an idle connection, a broken head) and reads what comes back, with a timeout.
// Header-only; one object per connection, one thread.
#ifndef SWV_TESTS_SERVICES_GATEWAY_RAW_HTTP_CLIENT_H_
#define SWV_TESTS_SERVICES_GATEWAY_RAW_HTTP_CLIENT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace swv::gateway::testing {

class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  bool Send(const std::string& bytes) {
    return fd_ >= 0 && ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                           static_cast<ssize_t>(bytes.size());
  }

  // Reads until one whole response (head and Content-Length body; a 1xx head alone) arrived, the
  // peer closed, or `timeout_ms` passed. What arrived, "" when nothing did.
  std::string ReadResponse(int timeout_ms = 3000) {
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!Complete(got)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[8192];
      const ssize_t read = ::recv(fd_, buffer, sizeof buffer, 0);
      if (read <= 0) {
        closed_ = true;
        break;
      }
      got.append(buffer, static_cast<size_t>(read));
    }
    return got;
  }

  // True when the server closed the connection within `timeout_ms` (no bytes, end of stream).
  bool ClosedWithin(int timeout_ms) {
    ReadResponse(timeout_ms);
    return closed_;
  }

 private:
  static bool Complete(const std::string& got) {
    const size_t end = got.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    if (absl::StartsWith(got, "HTTP/1.1 1")) return true;
    size_t length = 0;
    for (absl::string_view line : absl::StrSplit(got.substr(0, end), "\r\n")) {
      if (absl::StartsWithIgnoreCase(line, "content-length:")) {
        if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(line.substr(15)), &length)) return true;
      }
    }
    return got.size() >= end + 4 + length;
  }

  int fd_ = -1;
  bool closed_ = false;
};

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_RAW_HTTP_CLIENT_H_
