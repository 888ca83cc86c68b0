#pragma once

#include <optional>
#include <QString>
#include <utility>
#include <variant>

namespace ferry {

// What a caller should do about a failure; policy code switches on this, people read the message.
enum class ErrorKind {
    Invalid,     // bad input or configuration: fix it, retrying will not help
    NotFound,    // the thing asked for does not exist
    Io,          // local disk: full, read-only, permissions
    Unavailable, // a server or remote did not answer: retry later
    Conflict,    // someone else changed it meanwhile
    Refused,     // the other side understood and said no (a push refused by a hook): a person must act
    Internal,    // a bug or an unexpected library failure
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;
};

// A value or an error a person can act on. Expected failures travel as values, never as exceptions.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(m_data); }
    QString message() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

// Success, or an error.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }
    QString message() const { return m_error ? m_error->message : QString(); }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorKind kind, QString message)
{
    return Error{kind, std::move(message)};
}

} // namespace ferry
