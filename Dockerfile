# Builds ctxd itself: the repository is a real build context for `./ctx build --stream .`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Dmaven.test.skip=true package -pl cli -am

FROM eclipse-temurin:17-jre
COPY --from=build /src/cli/target/ctx.jar /opt/ctxd/ctx.jar
ENTRYPOINT ["java", "-jar", "/opt/ctxd/ctx.jar"]
