using Microsoft.AspNetCore.Http;
using StreamCx.Domain.Contracts;

namespace StreamCx.Host.Web.Live;

/// <summary>JSON answers of the live API, in the contract's JSON form (camelCase, enum names, no nulls).</summary>
public static class ApiResults
{
    public static IResult Ok(object value) => Results.Json(value, ContractJson.Options);

    public static IResult Error(int status, params IEnumerable<string> errors) =>
        Results.Json(new { error = string.Join("; ", errors) }, ContractJson.Options, statusCode: status);

    public static IResult BadRequest(params IEnumerable<string> errors) => Error(StatusCodes.Status400BadRequest, errors);

    public static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, what);
}
