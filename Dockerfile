# The production-like image: published app with the top-level wwwroot/ beside it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props HeartsMinds.Community.sln ./
COPY src/ src/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/HeartsMinds.Community -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl is only for the container health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER app
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "HeartsMinds.Community.dll"]
