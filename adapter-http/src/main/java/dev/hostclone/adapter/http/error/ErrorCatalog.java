package dev.hostclone.adapter.http.error;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.text.Characters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The one place that turns refusals and faults into BlueKing codes and messages (API.md §3), in
 * Chinese or English, always with the field and value filled in. Domain {@link Failure}s answer
 * HTTP 200; the adapter's own {@link HttpProblem}s carry their HTTP status; a store that cannot be
 * reached answers HTTP 503, code 1199017, "retry later"; an authorization that could not decide answers
 * HTTP 200, code 1199048, "Permission Denied", as BlueKing does when its IAM fails. Anything else is an
 * internal fault: HTTP 500, code 1199998, the request id and nothing of the exception.
 */
public final class ErrorCatalog {

    public static final int SUCCESS = 0;
    public static final String SUCCESS_MESSAGE = "success";

    public static final int JSON_UNMARSHAL_FAILED = 1199000;
    /** BlueKing's CCErrCommHTTPDoRequestFailed: here, the request timed out before its use case was called. */
    public static final int REQUEST_TIMED_OUT = 1199002;
    public static final int HTTP_INPUT_INVALID = 1199003;
    public static final int PARAMS_INVALID = 1199006;
    public static final int PARAMS_LOST_FIELD = 1199008;
    public static final int PARAMS_NEED_INT = 1199009;
    public static final int PARAMS_NEED_SET = 1199010;
    public static final int PARAMS_IS_INVALID = 1199011;
    public static final int DUPLICATE_ITEM = 1199014;
    public static final int OVER_LIMIT = 1199015;
    /** BlueKing's CCErrCommDBSelectFailed: here, the database could not be reached or did not answer in time. */
    public static final int DB_UNAVAILABLE = 1199017;
    public static final int NOT_FOUND = 1199019;
    public static final int EXCEED_LIMIT = 1199035;
    public static final int NO_ACCESS = 1199047;
    /** BlueKing's CCErrCommAuthorizeFailed: the authorization could not decide (its IAM failed). */
    public static final int AUTHORIZE_FAILED = 1199048;
    public static final int PAGE_LIMIT_EXCEEDED = 1199059;
    public static final int RETRY_EXCEEDED = 1199066;
    public static final int FIELD_NOT_CHANGEABLE = 1199083;
    public static final int TOO_MANY_REQUESTS = 1199997;
    public static final int UNKNOWN_ERROR = 1199998;
    public static final int BUSINESS_NOT_FOUND = 1101033;
    public static final int UNIQUE_KEY_KIND_INVALID = 1101166;
    public static final int BUILT_IN_NOT_CHANGEABLE = 1101167;
    public static final int REQUIRED_ATTRIBUTE_NOT_ALLOWED = 1113026;
    public static final int UNIQUE_INDEX_DUPLICATE_VALUE = 1113039;
    public static final int SAME_UNIQUE_RULE_EXISTS = 1113050;
    public static final int SUBSET_UNIQUE_RULE_EXISTS = 1113051;
    public static final int SUPERSET_UNIQUE_RULE_EXISTS = 1113052;
    public static final int HOST_NOT_FOUND = 1110008;
    public static final int HOST_NOT_IN_BUSINESS = 1110024;
    public static final int NO_PERMISSION = 9900403;

    private static final int OK = 200;
    private static final int MAX_SHOWN = 64;
    /** The attribute flag whose refusal has a code of its own (1113026). */
    private static final String REQUIRED_FLAG = "isrequired";

    private ErrorCatalog() {
    }

    /**
     * The answer for whatever a request ended with ({@code CompletionException} wrappers removed).
     * An answer with HTTP status 500 means an unexpected fault that the caller should log.
     */
    public static ErrorReply reply(Throwable error, String requestId, Language language) {
        Throwable cause = unwrap(error);
        if (cause instanceof RejectedException rejected && rejected.failure() != null) {
            return forFailure(rejected.failure(), language);
        }
        if (cause instanceof HttpProblemException problem && problem.problem() != null) {
            return forProblem(problem.problem(), language);
        }
        if (cause instanceof StoreUnavailableException unavailable && unavailable.outcomeUnknown()) {
            // "retry later" would be wrong here: an add sent again adds its hosts again, or finds them taken
            return new ErrorReply(503, DB_UNAVAILABLE, text(language,
                    "提交写入时与数据库的连接中断, 写入可能已生效: 请先查询再决定是否重试",
                    "the database connection was lost while the write was committed, which may have applied it:"
                            + " read before you retry"), null);
        }
        if (cause instanceof StoreUnavailableException) {
            return new ErrorReply(503, DB_UNAVAILABLE, text(language,
                    "数据库暂时不可用, 请稍后重试", "the database is unavailable, please retry later"), null);
        }
        if (cause instanceof AuthorizationUndecidedException) {
            // BlueKing's texts as they are (zh from its common.json): the cause is the log's, not the caller's
            return reply(AUTHORIZE_FAILED, language, "权限校验失败", "Permission Denied");
        }
        return forProblem(new HttpProblem.Internal(requestId), language);
    }

    /** The failure inside {@code CompletionException} / {@code ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static ErrorReply forFailure(Failure failure, Language language) {
        if (failure instanceof Failure.NotAnInteger f) {
            return reply(PARAMS_NEED_INT, language,
                    "'%s' 参数必须是整型".formatted(field(f.field())),
                    "'%s' parameters must be integral".formatted(field(f.field())));
        }
        if (failure instanceof Failure.MissingField f) {
            return reply(PARAMS_NEED_SET, language,
                    "'%s' 未赋值".formatted(field(f.field())),
                    "'%s' unassigned".formatted(field(f.field())));
        }
        if (failure instanceof Failure.InvalidCombination f) {
            return reply(PARAMS_IS_INVALID, language,
                    "'%s' 参数无效或不存在".formatted(field(f.field())),
                    "'%s' the parameter is invalid or does not exist".formatted(field(f.field())));
        }
        if (failure instanceof Failure.InvalidValue f) {
            return invalidValue(f.field(), f.reason(), f.value(), language);
        }
        if (failure instanceof Failure.TooMany f) {
            return reply(EXCEED_LIMIT, language,
                    "%s 超出限制 %d".formatted(field(f.field()), f.limit()),
                    "%s exceed the limit %d".formatted(field(f.field()), f.limit()));
        }
        if (failure instanceof Failure.Duplicated f) {
            String fields = fieldList(f.fields());
            String values = valueList(f.values());
            return reply(DUPLICATE_ITEM, language,
                    "存在重复的实例, 字段 [%s] 重复%s".formatted(fields, values.isEmpty() ? "" : ": 值 [" + values + "]"),
                    "duplicated instances exist, fields [%s] duplicated%s"
                            .formatted(fields, values.isEmpty() ? "" : ": values [" + values + "]"));
        }
        if (failure instanceof Failure.HostNotFound f) {
            return reply(HOST_NOT_FOUND, language,
                    "主机不存在: bk_host_id %d".formatted(f.hostId()),
                    "The host could not be found: bk_host_id %d".formatted(f.hostId()));
        }
        if (failure instanceof Failure.HostNotInBusiness f) {
            return reply(HOST_NOT_IN_BUSINESS, language,
                    "主机 '%d' 不属于业务 %d".formatted(f.hostId(), f.businessId()),
                    "host '%d' does not belong to business %d".formatted(f.hostId(), f.businessId()));
        }
        if (failure instanceof Failure.BusinessNotFound f) {
            return reply(BUSINESS_NOT_FOUND, language,
                    "查询业务失败: 业务 %d 不存在".formatted(f.businessId()),
                    "query business failed: business %d does not exist".formatted(f.businessId()));
        }
        if (failure instanceof Failure.PermissionMissing f) {
            String actions = f.missing().stream().map(permission -> permission.action().id())
                    .distinct().collect(Collectors.joining(", "));
            return new ErrorReply(OK, NO_PERMISSION,
                    text(language, "无权限: " + actions, "no permissions: " + actions),
                    PermissionDocument.of(f.missing()));
        }
        if (failure instanceof Failure.WriteConflict f) {
            return reply(RETRY_EXCEEDED, language,
                    "重试事务超过最大次数: 已尝试 %d 次".formatted(f.attempts()),
                    "retry transaction exceeds maximum count: gave up after %d attempts".formatted(f.attempts()));
        }
        if (failure instanceof Failure.Forbidden f) {
            return forbidden(f, language);
        }
        if (failure instanceof Failure.PageLimitExceeded f) {
            return reply(PAGE_LIMIT_EXCEEDED, language,
                    "分页大小超出限制, 建议不超过 %d".formatted(f.limit()),
                    "page limit is exceeded. suggestion %d".formatted(f.limit()));
        }
        if (failure instanceof Failure.CannotBeOmitted f) {
            return reply(PARAMS_LOST_FIELD, language,
                    "'%s' 不能省略".formatted(field(f.field())),
                    "'%s' cannot be omitted".formatted(field(f.field())));
        }
        if (failure instanceof Failure.ExistingDataViolatesRule f) {
            String fields = fieldList(f.fields());
            String values = valueList(f.values());
            return reply(UNIQUE_INDEX_DUPLICATE_VALUE, language,
                    "创建唯一索引失败, 值 [%s] 重复: 字段 [%s]".formatted(values, fields),
                    "Failed to create unique index, value [%s] duplicated: fields [%s]".formatted(values, fields));
        }
        if (failure instanceof Failure.UniqueRuleOverlaps f) {
            return uniqueRuleOverlaps(f, language);
        }
        if (failure instanceof Failure.UniqueKeyKindInvalid f) {
            String kind = Characters.abbreviated(String.valueOf(f.kind()), MAX_SHOWN);
            return reply(UNIQUE_KEY_KIND_INVALID, language,
                    "唯一校验键类型 [%s] 无效, 只支持 property".formatted(kind),
                    "unique constrains key kind [%s] invalid, only property is supported".formatted(kind));
        }
        if (failure instanceof Failure.AttributeNotAllowed f) {
            return attributeNotAllowed(f, language);
        }
        throw new IllegalArgumentException("unmapped failure kind: " + failure.getClass().getName());
    }

    public static ErrorReply forProblem(HttpProblem problem, Language language) {
        if (problem instanceof HttpProblem.MalformedJson p) {
            String zh = p.line() > 0 ? "请求体不是合法的 JSON (第 %d 行, 第 %d 列)".formatted(p.line(), p.column())
                    : "请求体不是合法的 JSON";
            String en = p.line() > 0 ? "the body is not valid JSON (line %d, column %d)".formatted(p.line(), p.column())
                    : "the body is not valid JSON";
            return badJson(language, zh, en);
        }
        if (problem instanceof HttpProblem.NotUtf8) {
            return badJson(language, "请求体必须是 UTF-8 编码的 JSON, 而它含有零字节",
                    "the body must be JSON in UTF-8, and it holds a zero byte");
        }
        if (problem instanceof HttpProblem.BodyNotAnObject) {
            return badJson(language, "请求体必须是 JSON 对象", "the body must be a JSON object");
        }
        if (problem instanceof HttpProblem.DuplicateKey p) {
            return badJson(language, "键 '%s' 重复出现".formatted(field(p.field())),
                    "key '%s' appears more than once".formatted(field(p.field())));
        }
        if (problem instanceof HttpProblem.JsonLimitExceeded p) {
            return badJson(language, limitZh(p.limit(), p.max()), limitEn(p.limit(), p.max()));
        }
        if (problem instanceof HttpProblem.WrongJsonType p) {
            return badJson(language, "字段 '%s' %s".formatted(field(p.field()), expectedZh(p.expected())),
                    "field '%s' %s".formatted(field(p.field()), expectedEn(p.expected())));
        }
        if (problem instanceof HttpProblem.QueryNotUtf8 p) {
            return p.parameter() == null
                    ? badJson(language, "查询字符串中有参数名不是合法的百分号编码 UTF-8",
                            "a parameter name of the query string is not valid percent-encoded UTF-8")
                    : badJson(language, "查询字符串的参数 '%s' 不是合法的百分号编码 UTF-8".formatted(field(p.parameter())),
                            "parameter '%s' of the query string is not valid percent-encoded UTF-8".formatted(field(p.parameter())));
        }
        if (problem instanceof HttpProblem.PathParameterNotUtf8 p) {
            return badJson(language, "路径参数 '%s' 不是合法的百分号编码 UTF-8".formatted(field(p.parameter())),
                    "path parameter '%s' is not valid percent-encoded UTF-8".formatted(field(p.parameter())));
        }
        if (problem instanceof HttpProblem.Unauthenticated p) {
            String name = field(p.name());
            return new ErrorReply(401, NO_ACCESS, text(language,
                    "无访问权限: " + authZh(p.reason(), name),
                    "Do not have access permission. " + authEn(p.reason(), name)), null);
        }
        if (problem instanceof HttpProblem.RouteNotFound p) {
            String target = p.method() + " " + Characters.abbreviated(p.path(), 200);
            return new ErrorReply(404, NOT_FOUND, text(language, "接口不存在: " + target, "API not found: " + target), null);
        }
        if (problem instanceof HttpProblem.MethodNotAllowed p) {
            String target = p.method() + " " + Characters.abbreviated(p.path(), 200);
            return new ErrorReply(405, HTTP_INPUT_INVALID,
                    text(language, "不支持的请求方法: " + target, "Method not allowed: " + target), null);
        }
        if (problem instanceof HttpProblem.BodyTooLarge p) {
            return new ErrorReply(413, OVER_LIMIT, text(language,
                    "数据越界: 请求体超过 %d 字节的限制".formatted(p.limitBytes()),
                    "Data out of bounds: the request body exceeds the limit of %d bytes".formatted(p.limitBytes())), null);
        }
        if (problem instanceof HttpProblem.BodyTreeTooLarge p) {
            return new ErrorReply(413, OVER_LIMIT, text(language,
                    "数据越界: 请求体解析后最多占用 %d 字节, 超过服务器同时持有的请求体的 %d 字节上限".formatted(
                            p.weightBytes(), p.budgetBytes()),
                    ("Data out of bounds: the request body may take up to %d bytes once parsed, more than the %d bytes"
                            + " the server holds of request bodies at once").formatted(p.weightBytes(), p.budgetBytes())),
                    null);
        }
        if (problem instanceof HttpProblem.TooManyRequests p) {
            // the allowance refills continuously: a second from now there is room again
            return new ErrorReply(429, TOO_MANY_REQUESTS, text(language,
                    "请求过于频繁: 每个应用每个接口每秒最多 %d 次".formatted(p.perSecond()),
                    "too many requests: at most %d per second for each app and API".formatted(p.perSecond())), null, 1);
        }
        if (problem instanceof HttpProblem.SecretChecksBusy) {
            return new ErrorReply(429, TOO_MANY_REQUESTS, text(language,
                    "请求过于频繁: 待校验的应用密钥过多, 请一秒后重试",
                    "too many requests: too many app secrets wait to be checked, retry in a second"), null, 1);
        }
        if (problem instanceof HttpProblem.TooManyConnections) {
            // the server's load, not the caller's rate: 503, with BlueKing's code for "too many", and a place may free within a second
            return new ErrorReply(503, TOO_MANY_REQUESTS, text(language,
                    "请求过于频繁: 服务器打开的连接过多, 请稍后重试",
                    "too many requests: the server has too many open connections, please retry later"), null, 1);
        }
        if (problem instanceof HttpProblem.TooManyBodies) {
            // the server's load too: the bodies of other requests free their bytes as those are answered
            return new ErrorReply(503, TOO_MANY_REQUESTS, text(language,
                    "请求过于频繁: 服务器同时读取的请求体过多, 请稍后重试",
                    "too many requests: the server is reading too many request bodies at once, please retry later"),
                    null, 1);
        }
        if (problem instanceof HttpProblem.RequestTimedOut) {
            return new ErrorReply(503, REQUEST_TIMED_OUT, text(language,
                    "请求超时, 未能及时处理; 未做任何修改, 请重试",
                    "the request timed out before it could be handled; nothing was changed, please retry"), null);
        }
        if (problem instanceof HttpProblem.RequestLineTooLong p) {
            return new ErrorReply(414, HTTP_INPUT_INVALID, text(language,
                    "请求行 (方法、路径和查询字符串) 超过 %d 字节的限制".formatted(p.limitBytes()),
                    "the request line (method, path and query string) exceeds the limit of %d bytes".formatted(p.limitBytes())), null);
        }
        if (problem instanceof HttpProblem.HeadersTooLarge p) {
            return new ErrorReply(431, HTTP_INPUT_INVALID, text(language,
                    "请求头超过 %d 字节的限制".formatted(p.limitBytes()),
                    "the request headers exceed the limit of %d bytes".formatted(p.limitBytes())), null);
        }
        if (problem instanceof HttpProblem.VersionNotSupported p) {
            // RFC 9110 §15.6.6: say what the server supports
            String version = Characters.abbreviated(p.version(), MAX_SHOWN);
            return new ErrorReply(505, HTTP_INPUT_INVALID, text(language,
                    "不支持 %s: HostClone 使用 HTTP/1.1 (及 HTTP/1.0)".formatted(version),
                    "%s is not supported: HostClone speaks HTTP/1.1 (and HTTP/1.0)".formatted(version)), null);
        }
        if (problem instanceof HttpProblem.TransferCodingNotSupported p) {
            String coding = shown(p.coding());
            return new ErrorReply(501, HTTP_INPUT_INVALID, text(language,
                    "不支持传输编码 %s: 仅支持 chunked".formatted(coding),
                    "transfer coding %s is not supported: only chunked".formatted(coding)), null);
        }
        if (problem instanceof HttpProblem.ContentCodingNotSupported p) {
            String coding = shown(p.coding());
            return new ErrorReply(415, HTTP_INPUT_INVALID, text(language,
                    "不支持内容编码 %s: 请求体须不经编码发送 (identity)".formatted(coding),
                    "content coding %s is not supported: send the body unencoded (identity)".formatted(coding)), null);
        }
        if (problem instanceof HttpProblem.BadRequest p) {
            return new ErrorReply(p.status(), HTTP_INPUT_INVALID, text(language, "输入参数无效", "invalid input parameter"), null);
        }
        if (problem instanceof HttpProblem.Internal p) {
            return new ErrorReply(500, UNKNOWN_ERROR, text(language,
                    "未知或无法识别的错误, 请求ID: " + p.requestId(),
                    "Unknown or unrecognized error, request id: " + p.requestId()), null);
        }
        throw new IllegalArgumentException("unmapped problem kind: " + problem.getClass().getName());
    }

    private static ErrorReply invalidValue(String field, InvalidReason reason, Object value, Language language) {
        return reply(PARAMS_INVALID, language,
                "'%s' 数据参数校验不通过: %s".formatted(field(field), reasonZh(reason, value)),
                "'%s' data parameter verification does not pass: %s".formatted(field(field), reasonEn(reason, value)));
    }

    private static ErrorReply forbidden(Failure.Forbidden f, Language language) {
        if (f.reason() == InvalidReason.BUILT_IN) {
            String item = f.value() == null ? "'" + field(f.field()) + "'" : "'" + field(f.field()) + "' " + shown(f.value());
            return reply(BUILT_IN_NOT_CHANGEABLE, language,
                    "内置项不能修改或删除: " + item,
                    "built-in items cannot be changed or deleted: " + item);
        }
        if (f.reason() == InvalidReason.NOT_WRITABLE) {
            return reply(FIELD_NOT_CHANGEABLE, language,
                    "禁止修改字段: " + field(f.field()),
                    "field '%s' may not be changed".formatted(field(f.field())));
        }
        return invalidValue(f.field(), f.reason(), f.value(), language);
    }

    private static ErrorReply uniqueRuleOverlaps(Failure.UniqueRuleOverlaps f, Language language) {
        long rule = f.existingRuleId();
        return switch (f.overlap()) {
            case SAME -> reply(SAME_UNIQUE_RULE_EXISTS, language,
                    "已存在键相同的唯一校验规则: 规则 %d".formatted(rule),
                    "a unique rule with the same keys already exists: rule %d".formatted(rule));
            case EXISTING_IS_SUBSET -> reply(SUBSET_UNIQUE_RULE_EXISTS, language,
                    "唯一校验规则 %d 已校验这些键的子集, 新规则是多余的".formatted(rule),
                    "unique rule %d already checks a subset of these keys, so the new rule is redundant".formatted(rule));
            case EXISTING_IS_SUPERSET -> reply(SUPERSET_UNIQUE_RULE_EXISTS, language,
                    "唯一校验规则 %d 的键包含这些键, 新规则会使其多余; 请先删除该规则".formatted(rule),
                    ("unique rule %d checks a superset of these keys and the new rule would make it redundant;"
                            + " delete that rule first").formatted(rule));
        };
    }

    private static ErrorReply attributeNotAllowed(Failure.AttributeNotAllowed f, Language language) {
        if (REQUIRED_FLAG.equals(f.field())) {
            return reply(REQUIRED_ATTRIBUTE_NOT_ALLOWED, language,
                    "模型 [host] 不允许创建必填字段",
                    "model [host] does not allow create required fields");
        }
        return invalidValue(f.field(), InvalidReason.NOT_ALLOWED, f.value(), language);
    }

    private static String reasonEn(InvalidReason reason, Object value) {
        String subject = value == null ? "the value" : shown(value);
        return switch (reason) {
            case NOT_AN_IP -> subject + " is not a valid IPv4 or IPv6 address";
            case NOT_AN_IPV4 -> subject + " is not a valid IPv4 address, or a comma list of them";
            case NOT_AN_IPV6 -> subject + " is not a valid IPv6 address, or a comma list of them";
            case NO_HOST_MATCHES -> "no host in the cloud area matches " + subject;
            case AMBIGUOUS_IP -> subject + " matches several hosts in the cloud area;"
                    + " use bk_org_id/bk_dst_id (ID mode) to name the hosts";
            case UNKNOWN_ATTRIBUTE -> "no such attribute in the model";
            case NOT_WRITABLE -> "the attribute cannot be set through this API";
            case WRONG_TYPE_OR_OPTION -> subject + " does not fit the attribute's type or option";
            case NOT_ALLOWED -> subject + " is not an allowed value";
            case PATTERN_TOO_COSTLY -> subject + " could not be checked against the attribute's pattern:"
                    + " the request's pattern checks were too costly";
            case PATTERN_READ_OTHERWISE -> subject + " holds what HostClone's patterns read otherwise than BlueKing's:"
                    + " a POSIX class such as [[:digit:]] (write [0-9]) or the flag U";
            case DOES_NOT_EXIST -> value == null ? "it is missing or does not exist" : subject + " does not exist";
            case TOO_LONG -> subject + " is too long";
            case BUILT_IN -> subject + " is built in and cannot be changed or deleted";
            case ALREADY_EXISTS -> subject + " already exists";
            case NOT_SERVED -> "HostClone does not serve this condition";
        };
    }

    private static String reasonZh(InvalidReason reason, Object value) {
        String subject = value == null ? "该值" : shown(value);
        return switch (reason) {
            case NOT_AN_IP -> subject + " 不是合法的 IPv4 或 IPv6 地址";
            case NOT_AN_IPV4 -> subject + " 不是合法的 IPv4 地址或以逗号分隔的 IPv4 地址列表";
            case NOT_AN_IPV6 -> subject + " 不是合法的 IPv6 地址或以逗号分隔的 IPv6 地址列表";
            case NO_HOST_MATCHES -> "云区域内没有与 " + subject + " 匹配的主机";
            case AMBIGUOUS_IP -> subject + " 在该云区域内匹配到多台主机, 请改用 bk_org_id/bk_dst_id (按主机ID) 指定主机";
            case UNKNOWN_ATTRIBUTE -> "模型中不存在该属性";
            case NOT_WRITABLE -> "该属性不能通过此接口设置";
            case WRONG_TYPE_OR_OPTION -> subject + " 不符合属性的类型或选项";
            case NOT_ALLOWED -> subject + " 不是允许的值";
            case PATTERN_TOO_COSTLY -> subject + " 无法按属性的正则校验: 本次请求的正则校验代价过高";
            case PATTERN_READ_OTHERWISE -> subject + " 含有 HostClone 与蓝鲸正则含义不同的写法: POSIX 字符类如 [[:digit:]]"
                    + " (请写 [0-9]) 或 U 标志";
            case DOES_NOT_EXIST -> value == null ? "未提供或不存在" : subject + " 不存在";
            case TOO_LONG -> subject + " 超出长度限制";
            case BUILT_IN -> subject + " 为内置项, 不能修改或删除";
            case ALREADY_EXISTS -> subject + " 已存在";
            case NOT_SERVED -> "HostClone 不支持该条件";
        };
    }

    private static String expectedEn(HttpProblem.JsonType expected) {
        return switch (expected) {
            case INTEGER -> "must be an integer";
            case STRING -> "must be a string";
            case BOOLEAN -> "must be a boolean";
            case OBJECT -> "must be an object";
            case ARRAY -> "must be an array";
            case ATTRIBUTE_VALUE -> "must be a string, number, boolean, array or null";
            case NUMBER_IN_RANGE -> "must be a number within the 64-bit integer range or a finite decimal";
        };
    }

    private static String expectedZh(HttpProblem.JsonType expected) {
        return switch (expected) {
            case INTEGER -> "必须是整数";
            case STRING -> "必须是字符串";
            case BOOLEAN -> "必须是布尔值";
            case OBJECT -> "必须是对象";
            case ARRAY -> "必须是数组";
            case ATTRIBUTE_VALUE -> "必须是字符串、数字、布尔值、数组或 null";
            case NUMBER_IN_RANGE -> "必须是 64 位整数范围内的数字或有限小数";
        };
    }

    private static String limitEn(HttpProblem.JsonLimit limit, int max) {
        return switch (limit) {
            case NESTING_DEPTH -> "the body nests deeper than the limit of %d levels".formatted(max);
            // Jackson counts a string in UTF-16 units: an emoji is two
            case STRING_LENGTH -> "a string or key is longer than the limit of %d UTF-16 units".formatted(max);
            case NUMBER_LENGTH -> "a number is longer than the limit of %d characters".formatted(max);
        };
    }

    private static String limitZh(HttpProblem.JsonLimit limit, int max) {
        return switch (limit) {
            case NESTING_DEPTH -> "请求体嵌套层数超过 %d 层的限制".formatted(max);
            case STRING_LENGTH -> "字符串或键的长度超过 %d 个 UTF-16 码元的限制".formatted(max);
            case NUMBER_LENGTH -> "数字的长度超过 %d 个字符的限制".formatted(max);
        };
    }

    private static String authEn(HttpProblem.AuthProblem reason, String name) {
        return switch (reason) {
            case APP_CODE_MISSING -> "bk_app_code is missing.";
            case APP_SECRET_MISSING -> "bk_app_secret is missing.";
            case APP_REJECTED -> "bk_app_code or bk_app_secret is wrong.";
            case USER_MISSING -> "bk_username is missing.";
            case USER_TOO_LONG -> "bk_username is longer than %d characters.".formatted(UserNames.MAX_LENGTH);
            case TOKEN_NOT_SUPPORTED -> "bk_token cannot be verified by this server; send bk_username instead.";
            case AUTHORIZATION_HEADER_INVALID -> "X-Bkapi-Authorization must be a JSON object of strings.";
            case AUTHORIZATION_HEADER_NOT_UTF8 -> "X-Bkapi-Authorization is not well-formed UTF-8.";
            case AUTHORIZATION_HEADER_KEY_REPEATED -> "X-Bkapi-Authorization: key '%s' appears more than once.".formatted(name);
            case CREDENTIAL_HOLDS_NUL -> "%s holds a NUL character.".formatted(name);
            case AUTHORIZATION_HEADER_REPEATED -> "X-Bkapi-Authorization is given more than once.";
        };
    }

    private static String authZh(HttpProblem.AuthProblem reason, String name) {
        return switch (reason) {
            case APP_CODE_MISSING -> "缺少 bk_app_code";
            case APP_SECRET_MISSING -> "缺少 bk_app_secret";
            case APP_REJECTED -> "bk_app_code 或 bk_app_secret 错误";
            case USER_MISSING -> "缺少 bk_username";
            case USER_TOO_LONG -> "bk_username 超过 %d 个字符".formatted(UserNames.MAX_LENGTH);
            case TOKEN_NOT_SUPPORTED -> "本服务无法校验 bk_token, 请改用 bk_username";
            case AUTHORIZATION_HEADER_INVALID -> "X-Bkapi-Authorization 必须是由字符串组成的 JSON 对象";
            case AUTHORIZATION_HEADER_NOT_UTF8 -> "X-Bkapi-Authorization 不是合法的 UTF-8";
            case AUTHORIZATION_HEADER_KEY_REPEATED -> "X-Bkapi-Authorization 中的键 '%s' 重复出现".formatted(name);
            case CREDENTIAL_HOLDS_NUL -> "%s 含有 NUL 字符".formatted(name);
            case AUTHORIZATION_HEADER_REPEATED -> "X-Bkapi-Authorization 重复出现";
        };
    }

    private static ErrorReply badJson(Language language, String zhDetail, String enDetail) {
        return reply(JSON_UNMARSHAL_FAILED, language, "反序列化JSON数据失败: " + zhDetail,
                "Deserializing JSON data failed: " + enDetail);
    }

    private static ErrorReply reply(int code, Language language, String zh, String en) {
        return new ErrorReply(OK, code, text(language, zh, en), null);
    }

    private static String text(Language language, String zh, String en) {
        return language == Language.EN ? en : zh;
    }

    private static String field(String name) {
        return Characters.abbreviated(String.valueOf(name), 128);
    }

    private static String fieldList(List<String> fields) {
        return fields.stream().map(ErrorCatalog::field).collect(Collectors.joining(", "));
    }

    private static String valueList(List<Object> values) {
        return values.stream().map(ErrorCatalog::shown).collect(Collectors.joining(", "));
    }

    /** A value as a message shows it: strings quoted and abbreviated, lists in brackets, objects in braces, each member's name in double quotes. */
    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "'" + Characters.abbreviated(text, MAX_SHOWN) + "'";
        }
        if (value instanceof List<?> items) {
            return Characters.abbreviated(items.stream().map(ErrorCatalog::shown).collect(Collectors.joining(", ", "[", "]")),
                    MAX_SHOWN);
        }
        if (value instanceof Map<?, ?> members) {
            // Java's own form, {min=5, max=1}, reads like nothing the caller sent; members' values are shown as above
            return Characters.abbreviated(members.entrySet().stream()
                    .map(member -> "\"" + member.getKey() + "\": " + shown(member.getValue()))
                    .collect(Collectors.joining(", ", "{", "}")), MAX_SHOWN);
        }
        return Characters.abbreviated(String.valueOf(value), MAX_SHOWN);
    }
}
